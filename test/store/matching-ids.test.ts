import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createReservation } from '../../src/core/booking.ts';
import { addDays } from '../../src/core/dates.ts';
import { importInventory, validateInventory } from '../../src/core/inventory.ts';
import { listReservations } from '../../src/core/reservations.ts';
import type { Scope } from '../../src/core/tenants.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';
import { openDb, type Db } from '../../src/store/db.ts';
import { freshStore, tenantWithKey, type TestStore } from '../helper.ts';

// The sorted ids of a filter are kept on SQLite until the database changes (matching-ids.ts); on PostgreSQL the
// same pages are read with SQL alone. Either way a page must show every reservation committed before it is read.
describe('pages of a filter while reservations are added', () => {
  let store: TestStore;
  const scopes: Scope[] = [];
  const arrival = (i: number) => addDays('2031-03-01', i % 3);
  const filter = { arrival: { from: '2031-03-01', to: '2031-03-03' } };
  const ids = async (db: Db, scope: Scope, offset = 0, limit = 8) =>
    (await listReservations(db, scope, filter, { limit, offset })).map((v) => v.reservation.id);
  const book = (db: Db, scope: Scope, i: number) =>
    createReservation(db, scope, {
      arrival: arrival(i),
      departure: addDays(arrival(i), 1),
      customer: { name: `Guest${i}`, surname: 'Paging' },
      rooms: [{ roomId: (i % 20) + 1 }],
    });

  before(async () => {
    store = await freshStore();
    for (const name of ['First', 'Second']) {
      const tenant = await tenantWithKey(store.db, name);
      await importInventory(store.db, tenant.id, validateInventory(readDemoInventory()));
      scopes.push({ tenantId: tenant.id, keyId: tenant.keyId });
    }
    for (let i = 0; i < 12; i++) await book(store.db, scopes[0]!, i);
  });
  after(() => store.drop());

  it('pages through the filter in id order, then past its end', async () => {
    const first = await ids(store.db, scopes[0]!);
    const second = await ids(store.db, scopes[0]!, 8);
    assert.equal(first.length, 8);
    assert.equal(second.length, 4);
    const all = [...first, ...second];
    assert.deepEqual(
      all,
      [...all].sort((a, b) => a - b),
    );
    assert.deepEqual(await ids(store.db, scopes[0]!, 12), []);
    assert.deepEqual(await ids(store.db, scopes[0]!, 2 ** 31 - 1), []);
  });

  it('shows a reservation booked after the filter was read', async () => {
    const before = await ids(store.db, scopes[0]!, 0, 64);
    const added = await book(store.db, scopes[0]!, 12);
    const after = await ids(store.db, scopes[0]!, 0, 64);
    assert.deepEqual(after, [...before, added.id]);
  });

  it('shows a reservation another connection (another process) booked', async () => {
    const before = await ids(store.db, scopes[0]!, 0, 64);
    const other = openDb(store.url);
    try {
      const added = await book(other, scopes[0]!, 13);
      assert.deepEqual(await ids(store.db, scopes[0]!, 0, 64), [...before, added.id]);
    } finally {
      await other.destroy();
    }
  });

  it("keeps each tenant's pages to its own reservations", async () => {
    assert.deepEqual(await ids(store.db, scopes[1]!), []);
    const theirs = await book(store.db, scopes[1]!, 0);
    assert.deepEqual(await ids(store.db, scopes[1]!), [theirs.id]);
    assert.equal((await ids(store.db, scopes[0]!, 0, 64)).includes(theirs.id), false);
  });
});
