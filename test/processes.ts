import { spawn, type ChildProcess } from 'node:child_process';
import { TEST_DATA_KEY_FILE } from './helper.ts';
import { once } from 'node:events';
import { request } from 'node:http';
import { createServer } from 'node:net';

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Waits until `url` answers at all, failing early when `child` exits first. */
export async function waitForHttp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error('process exited before listening');
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nothing answered at ${url}`);
}

/** Polls `probe` until it returns a value (not undefined), or fails after a generous deadline. */
export async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 60_000,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface Served {
  base: string;
  child: ChildProcess;
  /** What the server printed on standard output so far: its JSON log. */
  output(): string;
  /** What it printed on standard error so far: the first-start banner, complaints. */
  errors(): string;
  /** Sends `signal` (SIGTERM: a graceful stop) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * `clientele serve` as a real child process on a free loopback port, over the store at `databaseUrl`;
 * `command` runs it another way (e.g. `npm start`), with the same environment.
 */
export async function serve(
  databaseUrl: string,
  env: Record<string, string> = {},
  command: string[] = [process.execPath, 'bin/clientele.js', 'serve'],
): Promise<Served> {
  const port = await freePort();
  const child = spawn(command[0]!, command.slice(1), {
    env: {
      ...process.env,
      LOG_LEVEL: 'silent',
      DATA_KEY_FILE: TEST_DATA_KEY_FILE,
      ...env,
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (errors += chunk));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${base}/health`, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}: ${errors}`, { cause: error });
  }
  return {
    base,
    child,
    output: () => output,
    errors: () => errors,
    stop: async (signal = 'SIGTERM') => {
      // A child killed by a signal keeps exitCode null; signalCode says it has gone.
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill(signal);
      const [code] = await exited;
      return code as number | null;
    },
  };
}

/** A POST on a connection of its own (so that the cluster of `WORKERS=N` hands each to the next worker): its status. */
export function postAlone(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}
