import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fromViolation } from '../../src/core/errors.ts';
import { insertCustomer } from '../../src/store/customers.ts';
import { UniqueViolation } from '../../src/store/unique.ts';
import { freshStore, tenantWithKey, type TestStore } from '../helper.ts';

describe('unique values taken by a concurrent writer', () => {
  let store: TestStore;
  let tenantId: number;
  before(async () => {
    store = await freshStore();
    tenantId = (await tenantWithKey(store.db)).id;
  });
  after(() => store.drop());

  it('turn the unique index refusal into a typed violation, which the core reads as a conflict', async () => {
    const at = new Date().toISOString();
    const row = {
      tenant_id: tenantId,
      name: 'A',
      surname: 'B',
      external_id: 'ext-1',
      created_at: at,
      updated_at: at,
    };
    await insertCustomer(store.db, row);
    await assert.rejects(
      insertCustomer(store.db, row),
      (e: unknown) =>
        e instanceof UniqueViolation &&
        fromViolation(e).code === 'conflict' &&
        e.message === 'external_id already exists',
    );
  });
});
