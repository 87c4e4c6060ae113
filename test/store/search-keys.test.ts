import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTenant } from '../../src/core/tenants.ts';
import { insertCustomers } from '../../src/store/customers.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { freshStore, type TestStore } from '../helper.ts';

describe('migration 047: search keys of customers made before it', () => {
  let store: TestStore;
  before(async () => {
    store = await freshStore();
  });
  after(() => store.drop());

  it('computes the keys of existing customers, in any script, and indexes them', async () => {
    const migration = migrations['047_admin_search']!;
    await migration.down!(store.db);
    const tenant = await createTenant(store.db, { name: 'Old', prefix: 'OL' });
    const at = new Date().toISOString();
    await insertCustomers(
      store.db,
      [
        ['  Ada ', 'LOVELACE'],
        ['Пётр', 'Иванов'],
      ].map(([name, surname]) => ({
        tenant_id: tenant.id,
        name: name!,
        surname: surname!,
        created_at: at,
        updated_at: at,
      })),
    );
    await migration.up(store.db);
    const rows = await store.db
      .selectFrom('customers')
      .select(['name_key', 'surname_key'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(rows, [
      { name_key: 'ada', surname_key: 'lovelace' },
      { name_key: 'пётр', surname_key: 'иванов' },
    ]);
  });
});
