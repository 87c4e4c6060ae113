import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

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

async function waitForHttp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode} before listening`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nothing answered at ${url}`);
}

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
  const port = await freePort();
  return start(
    ['bin/clientele.js', 'serve'],
    { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    port,
    '/health',
  );
}

export async function startMinimalLookup(sqlitePath: string): Promise<Running> {
  const port = await freePort();
  return start(['--import', 'tsx', 'bench/minimal-server.ts', sqlitePath, String(port)], {}, port, '/health');
}
