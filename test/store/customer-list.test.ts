import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listCustomerBatch, listCustomerPage } from '../../src/store/customer-list.ts';
import { insertCustomer } from '../../src/store/customers.ts';
import { findOrCreateNamedEntry } from '../../src/store/named-entries.ts';
import { freshStore, tenantWithKey, type TestStore } from '../helper.ts';

// Listed rows take the stores' fast read paths (on SQLite, arrays turned into objects); every value must come back
// exactly as stored.
describe('customer listing rows', () => {
  let store: TestStore;
  let tenantId: number;
  let groupId: number;
  before(async () => {
    store = await freshStore();
    tenantId = (await tenantWithKey(store.db)).id;
    groupId = await findOrCreateNamedEntry(store.db, 'customer_groups', tenantId, 'Группа "VIP" \\ <b>');
  });
  after(() => store.drop());

  const awkward = {
    name: 'Сергей "Серый" \\ 😀',
    surname: "O'Brien </customer> & co",
    middle_name: 'tab\there, line\nbreak, cr\r, \u0001, \u2028, \u00e9',
    email: 'a@b.example',
    phone: '+7 (900) 123-45-67',
    gender: 'm',
    birthday: '1992-10-24',
    external_id: '{"not": "json"}',
    custom_information: '[1, 2]',
    accumulated_sales_cents: 9_007_199_254_740_991,
    bonus_balance_cents: -1550,
    send_push: 1,
    send_email: 0,
    send_sms: 1,
    created_by: 7,
    updated_by: 8,
    created_at: '2016-07-18T13:54:37.000Z',
    updated_at: '2016-07-19T01:02:03.000Z',
  };

  it('reads every listed value as it was stored, nulls included', async () => {
    const id = await insertCustomer(store.db, { tenant_id: tenantId, ...awkward, group_id: groupId });
    const bare = await insertCustomer(store.db, {
      tenant_id: tenantId,
      name: 'A',
      surname: 'B',
      created_at: awkward.created_at,
      updated_at: awkward.updated_at,
    });
    const page = await listCustomerPage(store.db, tenantId, {}, 0, 10);
    const batch = await listCustomerBatch(store.db, tenantId, {}, { afterId: 0 }, 10);
    assert.deepEqual(batch, page);
    assert.deepEqual(page[0], { id, ...awkward, group_id: groupId, group_name: 'Группа "VIP" \\ <b>' });
    assert.deepEqual(page[1], {
      id: bare,
      name: 'A',
      surname: 'B',
      middle_name: null,
      email: null,
      phone: null,
      gender: null,
      birthday: null,
      external_id: null,
      custom_information: null,
      accumulated_sales_cents: 0,
      bonus_balance_cents: 0,
      send_push: 0,
      send_email: 0,
      send_sms: 0,
      group_id: null,
      group_name: null,
      created_at: awkward.created_at,
      created_by: null,
      updated_at: awkward.updated_at,
      updated_by: null,
    });
  });
});
