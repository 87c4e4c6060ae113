import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstStart } from '../../src/bootstrap.ts';
import { openDb } from '../../src/store/db.ts';
import { migrateToLatest, migrationState, NewerSchema } from '../../src/store/migrate.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { countRows, freshStore } from '../helper.ts';

describe('migrations and the first start, by two handles at once', () => {
  it('apply each migration once and make one demo tenant, whichever handle gets there first', async () => {
    const store = await freshStore(undefined, false);
    // A second handle with connections of its own: another process, as far as the store can tell.
    const other = openDb(store.url, { lockTimeoutMs: 60_000 });
    try {
      const applied = await Promise.all([migrateToLatest(store.db), migrateToLatest(other)]);
      assert.deepEqual(applied.flat().sort(), Object.keys(migrations).sort());
      assert.deepEqual(await migrationState(store.db), { pending: [], unknown: [] });
      const created = await Promise.all([firstStart(store.db), firstStart(other)]);
      assert.equal(created.filter(Boolean).length, 1, 'one of them made the demo tenant');
      assert.equal(await countRows(store.db, 'tenants'), 1);
      assert.equal(await countRows(store.db, 'api_keys'), 1);
    } finally {
      await other.destroy();
      await store.drop();
    }
  });

  it('refuse a store that a newer version migrated, before touching it', async () => {
    const store = await freshStore();
    try {
      const newer = { ...migrations, '990_future': { up: async () => {} } };
      await migrateToLatest(store.db, newer);
      await assert.rejects(
        migrateToLatest(store.db),
        (e: unknown) => e instanceof NewerSchema && /990_future/.test(e.message),
      );
      assert.deepEqual(await migrationState(store.db), { pending: [], unknown: ['990_future'] });
    } finally {
      await store.drop();
    }
  });
});
