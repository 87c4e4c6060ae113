import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { createOwner } from '../../src/core/owners.ts';
import { buildServer } from '../../src/server.ts';
import { openDb, type Db } from '../../src/store/db.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { countRows, get, postForm, postJson, tenantWithKey, type TestTenant } from '../helper.ts';
import { validCustomer } from '../dialects/netstorming/helper.ts';

const LOCK_TIMEOUT_MS = 2000;

/** How long `run` takes, with its result. */
async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

// SQLite only: the write lock of one file, held by another connection (a backup tool, another process).
describe(
  'SQLite write lock held by another connection',
  { skip: Boolean(process.env.TEST_DATABASE_URL) },
  () => {
    let dir: string;
    let path: string;
    let db: Db;
    let app: FastifyInstance;
    let base: string;
    let tenant: TestTenant;
    let other: SQLite.Database;
    const zak = (call: string, fields: Record<string, string>) =>
      postForm<{ data?: unknown; error?: string }>(`${base}/kp/customers/${call}`, fields, {
        'x-api-key': tenant.key,
      });
    const addOne = () => zak('add_one', { custdata: JSON.stringify({ name: 'Locked', surname: 'Out' }) });

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'clientele-lock-'));
      path = join(dir, 'store.db');
      db = openDb(`sqlite:${path}`, { lockTimeoutMs: LOCK_TIMEOUT_MS });
      await migrateToLatest(db);
      tenant = await tenantWithKey(db);
      app = await buildServer({
        config: loadConfig({
          LOG_LEVEL: 'silent',
          DATABASE_URL: `sqlite:${path}`,
          PASSWORD_SCRYPT_N: '1024',
        }),
        db,
      });
      await app.listen({ host: '127.0.0.1', port: 0 });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      assert.equal((await addOne()).status, 200);
      await createOwner(db, tenant.id, { code: 'netstorming' });
      other = new SQLite(path);
    });
    after(async () => {
      other.close();
      await app.close();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    });

    it('keeps serving reads while a write waits, then fails that write alone with a 503', async () => {
      other.exec('BEGIN EXCLUSIVE');
      try {
        let settled = false;
        const write = timed(addOne).finally(() => (settled = true));
        const virtposWrite = postForm<{ success: number; info: string }>(
          `${base}/api/customer/update?apikey=${tenant.key}&format=json&create_if_not_exist=1`,
          { fname: 'Ivan', lname: 'Petrov' },
        );
        const netstormingWrite = postJson<unknown>(`${base}/api/customers/insert`, {
          key: tenant.key,
          owner_code: 'netstorming',
          customers: [validCustomer(1)],
        });
        // Meanwhile the process answers: the event loop is not stuck in SQLite's busy wait. (Answered while the
        // write still waits, however slow the machine: no timing is asserted but the order.)
        const health = await get(`${base}/health`);
        const read = await zak('fetch_one', { id: '1' });
        assert.equal(health.status, 200);
        assert.equal(read.status, 200);
        assert.equal(settled, false, 'the reads should be answered while the write waits for the lock');

        const failed = await write;
        assert.equal(failed.value.status, 503);
        assert.match(failed.value.body.error ?? '', /unavailable/);
        assert.ok(failed.ms >= LOCK_TIMEOUT_MS * 0.9, `gave up after ${failed.ms} ms`);
        const virtpos = await virtposWrite;
        assert.equal(virtpos.status, 503);
        assert.equal(virtpos.body.success, 0);
        assert.match(virtpos.body.info, /недоступен/);
        const netstorming = await netstormingWrite;
        assert.equal(netstorming.status, 503);
        assert.deepEqual(netstorming.body, {
          dry_run: false,
          results: [],
          errors: [{ 'line/index': 0, errors: ['service unavailable, try again later'] }],
        });
      } finally {
        other.exec('ROLLBACK');
      }
      assert.equal(await countRows(db, 'customers'), 1);
      assert.equal(await countRows(db, 'agencies'), 0);
    });

    it('lets a write through once the lock is released within the timeout', async () => {
      other.exec('BEGIN EXCLUSIVE');
      const write = addOne();
      await new Promise((resolve) => setTimeout(resolve, LOCK_TIMEOUT_MS / 3));
      other.exec('COMMIT');
      const reply = await write;
      assert.equal(reply.status, 200);
      assert.equal(await countRows(db, 'customers'), 2);
    });
  },
);
