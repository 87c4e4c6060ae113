import type { FastifyInstance } from 'fastify';
import type { Logger } from './logger.ts';

/**
 * Resolves with the first SIGTERM or SIGINT. The listeners stay: a second signal (systemd signals every process
 * of the unit, and the primary of `WORKERS=N` signals its workers too) must not kill a process that is draining.
 */
export function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => resolve(signal);
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

/** Waits for `work` at most `ms`; says whether it finished in time. */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stops accepting connections, lets the requests in flight finish for up to `timeoutMs` (a request arriving on a
 * kept-alive connection meanwhile gets a 503), then cuts whatever is left. Idle connections close at once.
 */
export async function drain(app: FastifyInstance, timeoutMs: number, logger: Logger): Promise<void> {
  const closed = app.close();
  if (await within(closed, timeoutMs)) return;
  logger.warn(
    { shutdownTimeoutMs: timeoutMs },
    'requests still running after SHUTDOWN_TIMEOUT_MS: closing their connections',
  );
  app.server.closeAllConnections();
  await within(closed, 1000);
}

/** Releases the store, waiting at most `ms`: a request cut short may still hold a PostgreSQL connection. */
export async function release(destroy: () => Promise<void>, ms = 2000): Promise<void> {
  await within(
    destroy().catch(() => {}),
    ms,
  );
}

/**
 * Makes sure the process ends soon after `serve` returns, even if a request cut short left a socket or a timer
 * behind: the timer does not itself keep the process alive.
 */
export function exitSoon(code: number, ms = 2000): void {
  setTimeout(() => process.exit(code), ms).unref();
}
