import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { freshStore, type TestStore } from '../helper.ts';
import { freePort } from '../processes.ts';

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `clientele serve` with this environment, until it exits (it is expected to fail at start). */
async function serveFails(env: Record<string, string>, as?: { uid: number; gid: number }): Promise<Ended> {
  const child = spawn(process.execPath, ['bin/clientele.js', 'serve'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(await freePort()), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...as,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** One line on standard error, in words, no stack trace; exit code 1. */
function saidInOneLine(ended: Ended, words: RegExp): void {
  assert.equal(ended.code, 1, ended.stderr);
  const lines = ended.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, ended.stderr);
  assert.match(lines[0]!, /^clientele serve: /);
  assert.match(lines[0]!, words);
  assert.doesNotMatch(ended.stderr, /^\s+at /m, 'no stack trace');
}

describe('startup errors in words', () => {
  let store: TestStore;
  before(async () => {
    store = await freshStore();
  });
  after(() => store.drop());

  it('a port in use', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const ended = await serveFails({ DATABASE_URL: store.url, PORT: String(port) });
      saidInOneLine(
        ended,
        new RegExp(`^clientele serve: port ${port} is in use on 127\\.0\\.0\\.1: set PORT`),
      );
    } finally {
      taken.close();
    }
  });

  it('a PostgreSQL nobody listens for', async () => {
    const port = await freePort();
    const ended = await serveFails({
      DATABASE_URL: `postgres://clientele:hunter2@127.0.0.1:${port}/clientele`,
    });
    saidInOneLine(
      ended,
      new RegExp(`cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}: connection refused.*DATABASE_URL`),
    );
    assert.doesNotMatch(ended.stderr, /hunter2/, 'never the password');
  });

  it(
    'a PostgreSQL database that does not exist',
    { skip: !process.env.TEST_DATABASE_URL && 'PostgreSQL only' },
    async () => {
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = '/clientele_nowhere_42';
      const ended = await serveFails({ DATABASE_URL: url.toString() });
      saidInOneLine(
        ended,
        /database "clientele_nowhere_42" does not exist on PostgreSQL at .*: create it \(createdb/,
      );
    },
  );

  it('a store migrated by a newer version', async () => {
    await sql`insert into kysely_migration (name, timestamp) values ('990_future', 'x')`.execute(store.db);
    try {
      const ended = await serveFails({ DATABASE_URL: store.url });
      saidInOneLine(
        ended,
        /the store was migrated by a newer version of Clientele \(990_future unknown to \d+\.\d+\.\d+\)/,
      );
      const debug = await serveFails({ DATABASE_URL: store.url, LOG_LEVEL: 'debug' });
      assert.equal(debug.code, 1);
      assert.match(debug.stderr, /^\s+at /m, 'LOG_LEVEL=debug shows the stack trace');
    } finally {
      await sql`delete from kysely_migration where name = '990_future'`.execute(store.db);
    }
  });

  it('a SQLite folder this user cannot write', async () => {
    // Root writes everywhere: the server runs as nobody then, as a service user would.
    const root = process.getuid?.() === 0;
    const dir = mkdtempSync(join(tmpdir(), 'clientele-readonly-'));
    chmodSync(dir, root ? 0o755 : 0o555);
    const as = root ? { uid: 65534, gid: 65534 } : undefined;
    try {
      const inside = await serveFails({ DATABASE_URL: `sqlite:${dir}/clientele.db` }, as);
      saidInOneLine(
        inside,
        new RegExp(
          `cannot write the SQLite store ${dir}/clientele\\.db \\(SQLITE_CANTOPEN\\).*set DATABASE_URL`,
        ),
      );
      const below = await serveFails({ DATABASE_URL: `sqlite:${dir}/data/clientele.db` }, as);
      saidInOneLine(
        below,
        new RegExp(`cannot create the folder of the SQLite store ${dir}/data/clientele\\.db \\(EACCES\\)`),
      );
    } finally {
      chmodSync(dir, 0o755);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bad setting is a usage error: exit code 2, the setting named', async () => {
    const ended = await serveFails({ DATABASE_URL: store.url, PORT: 'eighty' });
    assert.equal(ended.code, 2);
    assert.match(
      ended.stderr,
      /^clientele serve: PORT must be a whole number from 0 to 65535, got "eighty"\n/,
    );
  });
});
