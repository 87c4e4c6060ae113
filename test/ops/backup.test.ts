import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { importInventory, validateInventory } from '../../src/core/inventory.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';
import { freshStore, postForm, runCli, tenantWithKey, type TestStore, type TestTenant } from '../helper.ts';
import { serve, type Served } from '../processes.ts';

/** dd/mm/yyyy of 1 January 2031 plus `days`. */
function day(days: number): string {
  const d = new Date(Date.UTC(2031, 0, 1 + days));
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

describe('clientele backup and restore (SQLite)', () => {
  let store: TestStore;
  let tenant: TestTenant;
  let server: Served;
  const dir = mkdtempSync(join(tmpdir(), 'clientele-backup-'));
  const copy = join(dir, 'copy.db');

  before(async () => {
    // Backups of a SQLite store, whichever store the rest of the suite runs on.
    store = await freshStore('');
    tenant = await tenantWithKey(store.db);
    await importInventory(
      store.db,
      tenant.id,
      validateInventory({ ...(readDemoInventory() as object), prefix: 'TH' }),
    );
    server = await serve(store.url);
  });
  after(async () => {
    await server.stop();
    await store.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies the running store during a stream of bookings: the copy is whole and holds every booking acknowledged before it began', async () => {
    const acknowledged: Array<{ code: string; beforeBackup: boolean }> = [];
    let backupBegan = false;
    let stop = false;
    const book = async (i: number) => {
      const params = {
        arrival: day(i),
        departure: day(i + 1),
        customer: { name: 'Guest', surname: `N${i}` },
        rooms: [{ room: 2 }],
      };
      const r = await postForm<{ data: { id: string } }>(
        `${server.base}/kp/reservations/new`,
        { params: JSON.stringify(params) },
        { 'x-api-key': tenant.key },
      );
      assert.equal(r.status, 200, r.text);
      // Read before the flag can change: this booking was acknowledged before or after the backup began.
      acknowledged.push({ code: r.body.data.id, beforeBackup: !backupBegan });
    };
    // Two writers, each on its own nights, until told to stop.
    const stream = Promise.all(
      [0, 1].map(async (lane) => {
        for (let i = lane; !stop; i += 2) await book(i);
      }),
    );
    while (acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));
    backupBegan = true;
    const backup = await runCli(store.url, 'backup', '--to', copy, '--json');
    const duringBackup = acknowledged.filter((b) => !b.beforeBackup).length;
    while (acknowledged.filter((b) => !b.beforeBackup).length < duringBackup + 5)
      await new Promise((resolve) => setTimeout(resolve, 20));
    stop = true;
    await stream;

    assert.equal(backup.code, 0, backup.stderr);
    const report = JSON.parse(backup.stdout) as {
      file: string;
      integrity: string;
      tenants: number;
      bytes: number;
    };
    assert.deepEqual([report.file, report.integrity, report.tenants], [copy, 'ok', 1]);
    assert.ok(!existsSync(`${copy}.partial`));

    const db = new SQLite(copy, { readonly: true });
    try {
      assert.deepEqual(db.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
      const codes = new Set(
        (db.prepare('select code from reservations').all() as Array<{ code: string }>).map((r) => r.code),
      );
      const before = acknowledged.filter((b) => b.beforeBackup);
      assert.ok(before.length >= 20);
      for (const booking of before) assert.ok(codes.has(booking.code), `${booking.code} is in the copy`);
      assert.ok(codes.size < acknowledged.length, 'bookings went on after the copy was taken');
    } finally {
      db.close();
    }
  });

  it('never overwrites a file, and refuses to restore over a store in use or holding data', async () => {
    const again = await runCli(store.url, 'backup', '--to', copy);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /copy\.db exists: a backup never overwrites a file/);
    const inUse = await runCli(store.url, 'restore', '--from', copy);
    assert.equal(inUse.code, 1);
    assert.match(inUse.stderr, /is open in a running server .*stop every server first/);
  });

  it("names the backup's missing folder, not the store, and writes nothing", async () => {
    const folder = join(dir, 'no-such-folder');
    const r = await runCli(store.url, 'backup', '--to', join(folder, 'copy.db'));
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stderr.split('\n')[0],
      `clientele backup: the folder ${folder} does not exist: make it first`,
    );
    assert.equal(existsSync(folder), false);
  });

  it('restores into an empty store, which then serves the bookings', async () => {
    const target = `sqlite:${join(dir, 'restored', 'clientele.db')}`;
    const restored = await runCli(target, 'restore', '--from', copy);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(
      restored.stdout,
      /^restored .*copy\.db into .*clientele\.db: \d+ bytes, 1 tenant, schema \S+, integrity ok\n$/,
    );
    const second = await serve(target);
    try {
      const fetched = await postForm<{ data: unknown }>(
        `${second.base}/kp/reservations/fetch_one_reservation`,
        { rcode: 'TH-0001' },
        { 'x-api-key': tenant.key },
      );
      assert.equal(fetched.status, 200, fetched.text);
    } finally {
      await second.stop();
    }
    const full = await runCli(target, 'restore', '--from', copy);
    assert.equal(full.code, 1);
    assert.match(full.stderr, /holds data: restore only into an empty store/);
  });

  it('says how to back up and restore a PostgreSQL store, never showing its password', async () => {
    const url = 'postgres://clientele:hunter2@db.example:5432/clientele';
    const backup = await runCli(url, 'backup', '--to', join(dir, 'pg.dump'));
    assert.equal(backup.code, 1);
    assert.match(
      backup.stderr,
      /pg_dump --format=custom --file=FILE 'postgres:\/\/clientele@db\.example:5432\/clientele'/,
    );
    const restore = await runCli(url, 'restore', '--from', join(dir, 'pg.dump'));
    assert.equal(restore.code, 1);
    assert.match(restore.stderr, /pg_restore --no-owner/);
    assert.doesNotMatch(backup.stderr + restore.stderr, /hunter2/);
  });
});
