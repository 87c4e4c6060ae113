import { spawn } from 'node:child_process';
import { freePort, serve, waitForHttp } from '../test/processes.ts';

export interface Running {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

async function start(
  args: string[],
  env: Record<string, string>,
  port: number,
  probe: string,
): Promise<Running> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}${probe}`, child);
  return {
    base,
    pid: child.pid as number,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function startBare(): Promise<Running> {
  const port = await freePort();
  return start(['--import', 'tsx', 'bench/bare-server.ts', String(port)], {}, port, '/bare');
}

export async function startClientele(databaseUrl: string): Promise<Running> {
  const server = await serve(databaseUrl, { LOG_LEVEL: 'warn' });
  return { base: server.base, pid: server.child.pid as number, stop: async () => void (await server.stop()) };
}

export async function startMinimalLookup(sqlitePath: string): Promise<Running> {
  const port = await freePort();
  return start(['--import', 'tsx', 'bench/minimal-server.ts', sqlitePath, String(port)], {}, port, '/health');
}
