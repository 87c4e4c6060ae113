import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
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

  it('start the log over under a steady stream of commits, where PASSIVE checkpoints alone never do', async () => {
    const passiveOnly = await logAfterStream('passive.db', Number.MAX_SAFE_INTEGER);
    const restarted = await logAfterStream('restarted.db', 256);
    assert.ok(
      restarted.bytes < passiveOnly.bytes / 2,
      `the log file: ${restarted.bytes} bytes after ${restarted.commits} commits started over past 256 pages, ` +
        `${passiveOnly.bytes} after ${passiveOnly.commits} never started over`,
    );
  });

  /**
   * Customers committed one after another for 2 s, with the pause of a server between two requests' commits, into
   * a store of its own whose log is started over past `restartPages`: the length of the log file then, and the
   * commits. A log started over is written again from its start, so its file stays as long as what is committed
   * between two restarts; never started over, it holds every commit.
   */
  async function logAfterStream(file: string, restartPages: number) {
    const store = openDb(`sqlite:${join(dir, file)}`, {
      backgroundCheckpoints: true,
      walRestartPages: restartPages,
    });
    try {
      await migrateToLatest(store);
      const tenant = await createTenant(store, { name: 'Stream', prefix: 'ST' });
      const at = new Date().toISOString();
      const until = Date.now() + 2000;
      let commits = 0;
      while (Date.now() < until) {
        await insertCustomers(store, [
          {
            tenant_id: tenant.id,
            name: `N${commits}`,
            surname: 'y'.repeat(1000),
            created_at: at,
            updated_at: at,
          },
        ]);
        commits++;
        await new Promise((resolve) => setImmediate(resolve));
      }
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM customers`.execute(store);
      assert.equal(rows[0]?.n, commits);
      return { bytes: statSync(`${join(dir, file)}-wal`).size, commits };
    } finally {
      await store.destroy();
    }
  }
});
