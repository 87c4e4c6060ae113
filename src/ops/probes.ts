import type { FastifyInstance } from 'fastify';
import type { Db } from '../store/db.ts';
import { migrationState } from '../store/migrate.ts';

/** How long the readiness probe waits for the store before calling it unready. */
const READY_WAIT_MS = 1000;

/** Why the server should get no traffic now, or undefined when it can serve: the store, asked once. */
export async function notReadyBecause(db: Db): Promise<string | undefined> {
  const asked = migrationState(db);
  // The answer may come after the probe gave up on it: caught, not left unhandled.
  asked.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), READY_WAIT_MS)));
  try {
    const state = await Promise.race([asked, late]);
    if (state === 'late') return `the store did not answer within ${READY_WAIT_MS / 1000} s`;
    if (state.unknown.length)
      return `the store's schema is newer than this version: ${state.unknown.join(', ')}`;
    if (state.pending.length) return `migrations not applied: ${state.pending.join(', ')}`;
    return undefined;
  } catch (error) {
    return `the store did not answer: ${(error as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/health`: the process is up and serving HTTP (200, no store involved: a liveness probe that fails restarts the
 * process, which a database outage should not). `/ready`: the store answers within a second and its schema is
 * this version's (200), else 503 with the reason (a load balancer sends no traffic meanwhile). While a server
 * drains at shutdown both answer 503.
 */
export function probes(app: FastifyInstance, db: Db): void {
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_request, reply) => {
    const reason = await notReadyBecause(db);
    if (reason) return reply.status(503).send({ status: 'unavailable', reason });
    return { status: 'ready' };
  });
}
