import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { firstStart } from '../src/bootstrap.ts';
import { listRooms } from '../src/core/inventory.ts';
import { freshStore, type TestStore } from './helper.ts';

describe('firstStart', () => {
  let store: TestStore;
  before(async () => {
    store = await freshStore();
  });
  after(() => store.drop());

  it('gives the demo tenant the demo hotel, so that reservations can be made at once', async () => {
    const created = await firstStart(store.db);
    assert.ok(created);
    assert.equal((await listRooms(store.db, created.tenantId)).length, 20);
    assert.equal(await firstStart(store.db), null);
  });
});
