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
    // A store of its own, whose log is started over past 256 pages (1 MB) instead of 64 MB.
    const bounded = openDb(`sqlite:${join(dir, 'bounded.db')}`, {
      backgroundCheckpoints: true,
      walRestartPages: 256,
    });
    try {
      await migrateToLatest(bounded);
      const tenant = await createTenant(bounded, { name: 'Stream', prefix: 'ST' });
      const at = new Date().toISOString();
      const wal = `${join(dir, 'bounded.db')}-wal`;
      // Customers, one commit after another, with the pause of a server between two requests' commits.
      // The log file only ever grows unless a checkpoint starts it over (TRUNCATE empties it).
      let last = 0;
      let restarts = 0;
      // Until the log has been started over twice, or for 5 s (PASSIVE checkpoints alone never start it over).
      const until = Date.now() + 5000;
      let written = 0;
      for (let i = 0; restarts < 2 && Date.now() < until; i++) {
        await insertCustomers(bounded, [
          { tenant_id: tenant.id, name: `N${i}`, surname: 'y'.repeat(1000), created_at: at, updated_at: at },
        ]);
        written++;
        await new Promise((resolve) => setImmediate(resolve));
        if (i % 50 === 0) {
          const size = statSync(wal).size;
          if (size < last) restarts++;
          last = size;
        }
      }
      assert.ok(restarts >= 2, `the log was started over ${restarts} times`);
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM customers`.execute(bounded);
      assert.equal(rows[0]?.n, written);
    } finally {
      await bounded.destroy();
    }
  });
});
