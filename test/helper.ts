import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import pg from 'pg';
import { loadConfig, type Config } from '../src/config.ts';
import { createApiKey, createTenant } from '../src/core/tenants.ts';
import { buildServer } from '../src/server.ts';
import { openDb, type Db } from '../src/store/db.ts';
import { migrateToLatest } from '../src/store/migrate.ts';

const runFile = promisify(execFile);

/**
 * A fresh store, migrated unless `migrated` is false: a SQLite file, or a new PostgreSQL database when
 * TEST_DATABASE_URL is set (`admin` '' asks for SQLite whatever the suite runs on).
 */
export interface TestStore {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export async function freshStore(admin = process.env.TEST_DATABASE_URL, migrated = true): Promise<TestStore> {
  if (!admin) {
    const dir = mkdtempSync(join(tmpdir(), 'clientele-test-'));
    const url = `sqlite:${join(dir, 'test.db')}`;
    const db = openDb(url);
    if (migrated) await migrateToLatest(db);
    return {
      url,
      db,
      drop: async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `clientele_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = openDb(url.toString());
  if (migrated) await migrateToLatest(db);
  return {
    url: url.toString(),
    db,
    drop: async () => {
      await db.destroy();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      // pg's pool.end() resolves before its sockets close; a FORCE drop meanwhile makes a closing client emit
      // an uncaught "terminating connection" error. Wait (briefly) for the sessions to leave first.
      for (let i = 0; i < 50; i++) {
        const { rows } = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [
          name,
        ]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestTenant {
  id: number;
  key: string;
  keyId: number;
}

export async function tenantWithKey(db: Db, name = 'Test Hotel', prefix = 'TH'): Promise<TestTenant> {
  const tenant = await createTenant(db, { name, prefix, timezone: 'Europe/Rome', currency: 'EUR' });
  const issued = await createApiKey(db, tenant.id);
  return { id: tenant.id, key: issued.key, keyId: issued.id };
}

export interface TestServer {
  base: string;
  db: Db;
  config: Config;
  store: TestStore;
  close(): Promise<void>;
}

/** The real server on an ephemeral loopback port over a fresh store. */
/** One data key file for every server and command a test process starts (outside the checkout). */
export const TEST_DATA_KEY_FILE = join(tmpdir(), `clientele-test-data-key-${process.pid}.json`);

export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const store = await freshStore();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DATA_KEY_FILE: TEST_DATA_KEY_FILE,
    ...env,
    DATABASE_URL: store.url,
    PORT: '0',
  });
  const app = await buildServer({ config, db: store.db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    db: store.db,
    config,
    store,
    close: async () => {
      await app.close();
      await store.drop();
    },
  };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

async function reply<T>(response: Response): Promise<Reply<T>> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (XML, HTML): the test reads `text`.
  }
  return { status: response.status, body: body as T, text, headers: response.headers };
}

/** POSTs an `application/x-www-form-urlencoded` body, as `curl --data-urlencode` does. */
export async function postForm<T = unknown>(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Reply<T>> {
  const response = await fetch(url, { method: 'POST', headers, body: new URLSearchParams(fields) });
  return reply<T>(response);
}

export async function postJson<T = unknown>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Reply<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return reply<T>(response);
}

export async function get<T = unknown>(url: string, headers: Record<string, string> = {}): Promise<Reply<T>> {
  return reply<T>(await fetch(url, { headers }));
}

/** Number of rows in a table, to prove a failed request wrote nothing. */
export async function countRows(db: Db, table: string): Promise<number> {
  const row = await db
    .selectFrom(table as 'tenants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `clientele <args>` as a user would, against the store at `databaseUrl`. */
export async function runCli(databaseUrl: string, ...args: string[]): Promise<CliResult> {
  return runCliWith({}, databaseUrl, ...args);
}

/** `runCli` with more environment variables (e.g. WEBHOOK_ALLOW_PRIVATE=1). */
export async function runCliWith(
  settings: Record<string, string>,
  databaseUrl: string,
  ...args: string[]
): Promise<CliResult> {
  const env = {
    ...process.env,
    DATA_KEY_FILE: TEST_DATA_KEY_FILE,
    ...settings,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
  };
  try {
    const { stdout, stderr } = await runFile(process.execPath, ['bin/clientele.js', ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as CliResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A log for a background loop (the webhook sender, the key purge) that a test does not read. */
export const silentLog = { error() {}, warn() {}, info() {} };
