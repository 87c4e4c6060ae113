import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTenant } from '../../src/core/tenants.ts';
import { insertCustomers } from '../../src/store/customers.ts';
import { openDb, type Db } from '../../src/store/db.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';

// SQLite only: PostgreSQL has no WAL of ours to checkpoint.
describe('background checkpoints (SQLite)', { skip: Boolean(process.env.TEST_DATABASE_URL) }, () => {
  let dir: string;
  let path: string;
  let db: Db;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clientele-checkpoints-'));
    path = join(dir, 'store.db');
    db = openDb(`sqlite:${path}`, { backgroundCheckpoints: true });
    await migrateToLatest(db);
  });
  after(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leave commits alone and copy the log into the database file from another thread', async () => {
    const { rows } = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(db);
    assert.equal(rows[0]?.wal_autocheckpoint, 0);

    const tenant = await createTenant(db, { name: 'Checkpoints', prefix: 'CP' });
    const at = new Date().toISOString();
    const before = statSync(path).size;
    await insertCustomers(
      db,
      Array.from({ length: 5000 }, (_, i) => ({
        tenant_id: tenant.id,
        name: `Name${i}`,
        surname: 'x'.repeat(200),
        created_at: at,
        updated_at: at,
      })),
    );
    // Over a megabyte was committed to the log; the worker moves it into the file within a few of its rounds.
    let grown = false;
    for (let i = 0; i < 50 && !grown; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      grown = statSync(path).size > before + 1_000_000;
    }
    assert.ok(grown, 'the database file should have taken in the log');
    const { rows: count } = await sql<{ n: number }>`SELECT count(*) AS n FROM customers`.execute(db);
    assert.equal(count[0]?.n, 5000);
  });

  it('start the log over under a steady stream of commits', async () => {
    // A store of its own, whose log is started over past 256 pages (1 MB) instead of 64 MB.
    const file = join(dir, 'stream.db');
    const store = openDb(`sqlite:${file}`, { backgroundCheckpoints: true, walRestartPages: 256 });
    try {
      await migrateToLatest(store);
      const tenant = await createTenant(store, { name: 'Stream', prefix: 'ST' });
      const at = new Date().toISOString();
      const started = restartsOf(`${file}-wal`);
      // Customers committed one after another, with the pause of a server between two requests' commits, until
      // the log has been started over. With the PASSIVE rounds alone it was not, in 45,360 commits over 10 s.
      const until = Date.now() + 10_000;
      let commits = 0;
      while (restartsOf(`${file}-wal`) === started && Date.now() < until) {
        for (let i = 0; i < 20; i++, commits++) {
          await insertCustomers(store, [
            {
              tenant_id: tenant.id,
              name: `N${commits}`,
              surname: 'y'.repeat(300),
              created_at: at,
              updated_at: at,
            },
          ]);
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      assert.ok(restartsOf(`${file}-wal`) > started, `the log was not started over in ${commits} commits`);
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM customers`.execute(store);
      assert.equal(rows[0]?.n, commits);
    } finally {
      await store.destroy();
    }
  });

  it('are stopped before the store closes, so a closed store leaves no log behind', async () => {
    // SQLite deletes the log when its last connection closes. The worker's connection must close first: if it
    // outlived the store's, the log stayed, and a process that exited then (a server stopped by SIGTERM) left it
    // for `clientele restore` to take for a server still running.
    for (let round = 0; round < 5; round++) {
      const file = join(dir, `closed-${round}.db`);
      const store = openDb(`sqlite:${file}`, { backgroundCheckpoints: true });
      await migrateToLatest(store);
      // Megabytes in the log just before the close: the worker is busy copying them when it is told to stop.
      const tenant = await createTenant(store, { name: 'Closed', prefix: 'CL' });
      const at = new Date().toISOString();
      const rows = Array.from({ length: 10_000 }, (_, i) => ({
        tenant_id: tenant.id,
        name: `Name${i}`,
        surname: 'z'.repeat(400),
        created_at: at,
        updated_at: at,
      }));
      await insertCustomers(store, rows);
      await new Promise((resolve) => setTimeout(resolve, 260));
      await store.destroy();
      assert.equal(existsSync(`${file}-wal`), false, `round ${round}: the log is still there`);
    }
  });
});

/** The log's checkpoint sequence number (its header's bytes 12–15): SQLite adds one each time it starts the log over. */
function restartsOf(wal: string): number {
  const header = Buffer.alloc(16);
  const fd = openSync(wal, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return header.readUInt32BE(12);
}
