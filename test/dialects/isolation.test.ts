import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOwner } from '../../src/core/owners.ts';
import { findOrCreateNamedEntry } from '../../src/store/named-entries.ts';
import {
  postForm,
  postJson,
  startServer,
  tenantWithKey,
  type TestServer,
  type TestTenant,
} from '../helper.ts';

/** Ids and codes that exist, but in another tenant, must look exactly like missing ones. */
describe("another tenant's groups, card types and owners", () => {
  let server: TestServer;
  let mine: TestTenant;
  let theirs: TestTenant;
  let theirGroup: number;
  let theirCardType: number;

  before(async () => {
    server = await startServer();
    mine = await tenantWithKey(server.db, 'Mine', 'MI');
    theirs = await tenantWithKey(server.db, 'Theirs', 'TH');
    theirGroup = await findOrCreateNamedEntry(server.db, 'customer_groups', theirs.id, 'VIP');
    theirCardType = await findOrCreateNamedEntry(server.db, 'card_types', theirs.id, 'Gold');
    await createOwner(server.db, theirs.id, { code: 'theirowner' });
  });
  after(() => server.close());

  const virtpos = (path: string, query: Record<string, string>, form: Record<string, string>) =>
    postForm(
      `${server.base}/api/customer${path}?${new URLSearchParams({ apikey: mine.key, format: 'json', ...query })}`,
      form,
    );

  it('virtpos: a customer group id of another tenant is not found', async () => {
    const foreign = await virtpos(
      '/update',
      { create_if_not_exist: '1' },
      { fname: 'A', lname: 'B', group_id: String(theirGroup) },
    );
    const missing = await virtpos(
      '/update',
      { create_if_not_exist: '1' },
      { fname: 'A', lname: 'B', group_id: '999999' },
    );
    assert.deepEqual(foreign.body, { success: 0, info: 'Группа клиентов не найдена' });
    assert.deepEqual(foreign.body, missing.body);
  });

  it('virtpos: a card type id of another tenant is not found', async () => {
    const foreign = await virtpos('/insertCard', { uid: '4242' }, { type_id: String(theirCardType) });
    const missing = await virtpos('/insertCard', { uid: '4243' }, { type_id: '999999' });
    assert.deepEqual(foreign.body, { success: 0, info: 'Тип карты не найден' });
    assert.deepEqual(foreign.body, missing.body);
  });

  it("Netstorming: another tenant's owner is refused with 403 by every call", async () => {
    const body = { key: mine.key, owner_code: 'theirowner' };
    for (const call of ['enable', 'disable']) {
      const r = await postJson(`${server.base}/api/customers/${call}`, {
        ...body,
        customers: [{ code: 'ABC' }],
      });
      assert.equal(r.status, 403);
      assert.deepEqual(r.body, {
        results: {},
        errors: [{ 'line/index': 0, errors: ['invalid owner_code'] }],
      });
    }
    const set = await postJson(`${server.base}/api/customers/setForeignCode`, {
      ...body,
      code: 'ABC',
      user_login: 'admin',
      foreign_code: 'F-1',
    });
    assert.equal(set.status, 403);
    assert.deepEqual(set.body, { success: false, errors: ['invalid owner_code'] });
    const insert = await postJson(`${server.base}/api/customers/insert`, {
      ...body,
      customers: [{ code: 'ABC' }],
    });
    assert.equal(insert.status, 403);
    assert.deepEqual(insert.body, {
      dry_run: false,
      results: [],
      errors: [{ 'line/index': 0, errors: ['invalid owner_code'] }],
    });
  });
});
