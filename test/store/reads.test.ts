import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findCustomer, insertCustomer } from '../../src/store/customers.ts';
import { freshStore, tenantWithKey, type TestStore } from '../helper.ts';

// Hot reads outside a transaction take their own path on SQLite (a second connection, read synchronously), so
// what they may and may not see is pinned down here, on both stores.
describe('point reads beside an open transaction', () => {
  let store: TestStore;
  let tenantId: number;
  before(async () => {
    store = await freshStore();
    tenantId = (await tenantWithKey(store.db)).id;
  });
  after(() => store.drop());

  const row = () => {
    const at = new Date().toISOString();
    return { tenant_id: tenantId, name: 'Open', surname: 'Transaction', created_at: at, updated_at: at };
  };

  it('see neither uncommitted rows nor rolled-back ones; the transaction sees its own', async () => {
    let id = 0;
    await assert.rejects(
      store.db.transaction().execute(async (trx) => {
        id = await insertCustomer(trx, row());
        assert.equal((await findCustomer(trx, tenantId, id))?.name, 'Open');
        assert.equal(await findCustomer(store.db, tenantId, id), undefined);
        throw new Error('roll back');
      }),
      /roll back/,
    );
    assert.equal(await findCustomer(store.db, tenantId, id), undefined);
  });

  it('see a committed row at once', async () => {
    const id = await store.db.transaction().execute((trx) => insertCustomer(trx, row()));
    assert.equal((await findCustomer(store.db, tenantId, id))?.surname, 'Transaction');
  });

  it('stay inside the tenant', async () => {
    const id = await insertCustomer(store.db, row());
    const other = await tenantWithKey(store.db, 'Other Hotel', 'OH');
    assert.equal(await findCustomer(store.db, other.id, id), undefined);
  });
});
