import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, waitForHttp } from '../test/processes.ts';
import { onServerCore } from './pin.ts';

export interface Running {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

/** `node args…` (on the server's core unless `pinned` is false), answering `probe` on a free port. */
async function start(
  args: string[],
  env: Record<string, string>,
  port: number,
  probe: string,
  pinned = true,
  stdout: 'ignore' | number = 'ignore',
): Promise<Running> {
  const { command, args: all } = pinned
    ? onServerCore(process.execPath, args)
    : { command: process.execPath, args };
  const child = spawn(command, all, {
    env: { ...process.env, ...env },
    stdio: ['ignore', stdout, 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}${probe}`, child);
  return {
    base,
    pid: child.pid as number,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function startRaw(): Promise<Running> {
  const port = await freePort();
  return start(['bench/raw-server.js', String(port)], {}, port, '/');
}

export async function startBare(): Promise<Running> {
  const port = await freePort();
  return start(['--import', 'tsx', 'bench/bare-server.ts', String(port)], {}, port, '/bare');
}

/**
 * `clientele serve` of the checkout at `tree` (this one, or the commit compared with), over `databaseUrl`.
 * `WORKERS` above 1 runs unpinned: its processes are meant to use every core. Its standard output (the JSON
 * log) is dropped, or written to the file descriptor `stdout`.
 */
export async function startClientele(
  databaseUrl: string,
  tree = '.',
  env: Record<string, string> = {},
  stdout: 'ignore' | number = 'ignore',
): Promise<Running> {
  const port = await freePort();
  // BENCH_CPU_PROF=DIR: each server writes a V8 CPU profile into DIR when it stops (docs/benchmarks.md).
  const profile = process.env.BENCH_CPU_PROF;
  const args = [
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    join(tree, 'bin/clientele.js'),
    'serve',
  ];
  const settings = {
    LOG_LEVEL: 'warn',
    // The webhooks scenario's receiver is on loopback.
    WEBHOOK_ALLOW_PRIVATE: '1',
    ...env,
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
  };
  return start(args, settings, port, '/health', Number(env.WORKERS ?? 1) <= 1, stdout);
}

export async function startMinimalLookup(sqlitePath: string): Promise<Running> {
  const port = await freePort();
  return start(['--import', 'tsx', 'bench/minimal-server.ts', sqlitePath, String(port)], {}, port, '/health');
}
