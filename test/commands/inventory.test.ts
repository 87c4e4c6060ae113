import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createReservation } from '../../src/core/booking.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';
import { countRows, freshStore, runCli, tenantWithKey, type TestStore, type TestTenant } from '../helper.ts';

/** `clientele inventory …` as a user runs it, against the test store. */
const cli = (url: string, ...args: string[]) => runCli(url, 'inventory', ...args);

describe('clientele inventory import / export', () => {
  let store: TestStore;
  let tenant: TestTenant;
  const dir = mkdtempSync(join(tmpdir(), 'clientele-inventory-'));
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  before(async () => {
    store = await freshStore();
    tenant = await tenantWithKey(store.db);
  });
  after(() => store.drop());

  it('imports the demo hotel, exports it as the same file, and re-imports it unchanged', async () => {
    const imported = await cli(store.url, 'import', '--tenant', String(tenant.id), '--demo', '--force');
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /4 room types, 20 rooms, 5 products, 3 extras/);
    const exported = await cli(store.url, 'export', '--tenant', String(tenant.id));
    assert.deepEqual(JSON.parse(exported.stdout), readDemoInventory());
    const again = await cli(
      store.url,
      'import',
      '--tenant',
      String(tenant.id),
      file('again.json', exported.stdout),
      '--json',
    );
    assert.equal(again.code, 0, again.stderr);
    const report = JSON.parse(again.stdout);
    assert.deepEqual(report.changed, [], 'the same file changes no setting of the tenant');
    assert.equal(report.imported.rooms, 20);
    assert.equal(await countRows(store.db, 'rooms'), 20);
    const reexported = (await cli(store.url, 'export', '--tenant', String(tenant.id))).stdout;
    assert.equal(reexported, exported.stdout, 'export → import → export is byte-identical');
    assert.deepEqual(JSON.parse(reexported), readDemoInventory());
  });

  it('refuses an invalid file whole, naming the problem, and changes nothing', async () => {
    const demo = readDemoInventory() as {
      rooms: Array<Record<string, unknown>>;
      rate_values: Array<Record<string, unknown>>;
    };
    const lastValue = demo.rate_values.at(-1)!;
    for (const [content, message] of [
      ['{"rooms": ', /not valid JSON/],
      [{ ...demo, rooms: [...demo.rooms, { id: 99, room_type: 42, name: 'X' }] }, /unknown room type 42/],
      // The last of 165 ranges overlaps the one before: nothing of the file is written.
      [{ ...demo, rate_values: [...demo.rate_values, lastValue] }, /has a value for 2028-12-31 already/],
    ] as const) {
      const r = await cli(store.url, 'import', '--tenant', String(tenant.id), file('bad.json', content));
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
    }
    assert.equal(await countRows(store.db, 'rooms'), 20);
    assert.equal(await countRows(store.db, 'rate_values'), 5 * 1096);
  });

  it('refuses to remove a room that has reservations', async () => {
    await createReservation(
      store.db,
      { tenantId: tenant.id, keyId: tenant.keyId },
      {
        arrival: '2030-01-01',
        departure: '2030-01-02',
        customer: { name: 'A', surname: 'B' },
        rooms: [{ roomId: 20 }],
      },
    );
    const demo = readDemoInventory() as { rooms: Array<{ id: number }> };
    const r = await cli(
      store.url,
      'import',
      '--tenant',
      String(tenant.id),
      file('fewer.json', { ...demo, rooms: demo.rooms.filter((x) => x.id !== 20) }),
    );
    assert.equal(r.code, 1, 'a conflict with the store: the command was well-formed');
    assert.match(r.stderr, /rooms with reservations cannot be removed: 20/);
    assert.equal(await countRows(store.db, 'rooms'), 20);
  });

  it('refuses unknown tenants and bad usage', async () => {
    const unknown = await cli(store.url, 'import', '--tenant', '999', '--demo');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /tenant 999 not found/);
    assert.equal((await cli(store.url, 'import', '--tenant', String(tenant.id))).code, 2);
  });

  it("asks for --force before the file's prefix or time zone replaces the tenant's, and says what changed", async () => {
    const other = await tenantWithKey(store.db, 'Hotel Tre', 'HT');
    const before = await countRows(store.db, 'rooms');
    const refused = await cli(store.url, 'import', '--tenant', String(other.id), '--demo');
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      // The demo hotel is Italian, the tenant made without a country reads phones as Russian ones.
      new RegExp(`would change tenant ${other.id}'s prefix HT → DH, country RU → IT; nothing was imported`),
    );
    assert.match(refused.stderr, /--force/);
    assert.equal(await countRows(store.db, 'rooms'), before, 'nothing imported');
    const tenantRow = () =>
      store.db.selectFrom('tenants').selectAll().where('id', '=', other.id).executeTakeFirstOrThrow();
    assert.equal((await tenantRow()).prefix, 'HT');

    const utc = { ...(readDemoInventory() as object), prefix: 'HT', timezone: 'UTC', country: 'RU' };
    const forced = await cli(
      store.url,
      'import',
      '--tenant',
      String(other.id),
      file('utc.json', utc),
      '--force',
    );
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, new RegExp(`changed tenant ${other.id}: timezone Europe/Rome → UTC\n`));
    assert.deepEqual([(await tenantRow()).prefix, (await tenantRow()).timezone], ['HT', 'UTC']);
  });
});
