import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOwner } from '../../../src/core/owners.ts';
import { postJson } from '../../helper.ts';
import { netstormingServer, validCustomer, type NetstormingFixture } from './helper.ts';

interface ToggleReply {
  results: Record<string, boolean>;
  errors: Array<{ 'line/index': number; errors: string[] }>;
}

let f: NetstormingFixture;
before(async () => {
  f = await netstormingServer();
  await createOwner(f.server.db, f.tenant.id, { code: 'otherowner' });
  const inserted = await f.insert([
    validCustomer(1),
    validCustomer(2, { admin_user_foreign_code: 'F-2' }),
    validCustomer(3, { admin_user_foreign_code: 'F-3' }),
  ]);
  assert.equal(inserted.body.errors.length, 0);
  await f.call('insert', { owner_code: 'otherowner', customers: [validCustomer(9)] });
});
after(() => f.server.close());

async function enabledFlags(): Promise<Record<string, number>> {
  const rows = await f.server.db.selectFrom('agencies').select(['code', 'enabled']).orderBy('code').execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.enabled]));
}

describe('POST /api/customers/disable', () => {
  it('disables customers by code and by foreign code, reporting each', async () => {
    const reply = await f.call<ToggleReply>('disable', {
      customers: [{ code: 'AG000001' }, { foreign_code: 'F-2' }],
    });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, { results: { AG000001: true, 'F-2': true }, errors: [] });
    assert.deepEqual(await enabledFlags(), { AG000001: 0, AG000002: 0, AG000003: 1, AG000009: 1 });
  });

  it("reports unknown codes, another owner's customers and items naming nothing, changing none of them", async () => {
    const reply = await f.call<ToggleReply>('disable', {
      customers: [{ code: 'NOPE' }, { code: 'AG000009' }, { foreign_code: 'F-404' }, {}, 'AG000003'],
    });
    assert.deepEqual(reply.body, {
      results: { NOPE: false, AG000009: false, 'F-404': false },
      errors: [
        { 'line/index': 1, errors: ['invalid code (not found)'] },
        { 'line/index': 2, errors: ['invalid code (not found)'] },
        { 'line/index': 3, errors: ['invalid foreign_code (not found)'] },
        { 'line/index': 4, errors: ['missing code'] },
        { 'line/index': 5, errors: ['missing code'] },
      ],
    });
    assert.equal((await enabledFlags()).AG000009, 1);
    assert.equal((await enabledFlags()).AG000003, 1);
  });

  it('refuses a wrong key and an empty list in its own reply shape', async () => {
    const wrong = await f.call('disable', { key: 'ck_nope', customers: [{ code: 'AG000003' }] });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, { results: {}, errors: [{ 'line/index': 0, errors: ['invalid key'] }] });
    const empty = await f.call('disable', { customers: [] });
    assert.equal(empty.status, 400);
    assert.deepEqual(empty.body, {
      results: {},
      errors: [{ 'line/index': 0, errors: ['invalid customers (empty list)'] }],
    });
  });
});

describe('POST /api/customers/enable', () => {
  it('enables customers by code and by foreign code', async () => {
    const reply = await f.call<ToggleReply>('enable', {
      customers: [{ foreign_code: 'F-2' }, { code: 'AG000001' }, { code: 'AG000003' }],
    });
    assert.deepEqual(reply.body, { results: { 'F-2': true, AG000001: true, AG000003: true }, errors: [] });
    assert.deepEqual(await enabledFlags(), { AG000001: 1, AG000002: 1, AG000003: 1, AG000009: 1 });
  });

  it("answers 403 for an owner outside the key's tenant", async () => {
    const reply = await f.call<ToggleReply>('enable', {
      owner_code: 'ghost',
      customers: [{ code: 'AG000001' }],
    });
    assert.equal(reply.status, 403);
    assert.deepEqual(reply.body.errors, [{ 'line/index': 0, errors: ['invalid owner_code'] }]);
  });

  it('finds a code or foreign code sent as a JSON number, as insert took it', async () => {
    const inserted = await f.insert([validCustomer(4, { code: 123456, admin_user_foreign_code: 777 })]);
    assert.deepEqual(inserted.body.errors, []);
    const disabled = await f.call<ToggleReply>('disable', { customers: [{ code: 123456 }] });
    assert.deepEqual(disabled.body, { results: { '123456': true }, errors: [] });
    assert.equal((await enabledFlags())['123456'], 0);
    const enabled = await f.call<ToggleReply>('enable', { customers: [{ foreign_code: 777 }] });
    assert.deepEqual(enabled.body, { results: { '777': true }, errors: [] });
    assert.equal((await enabledFlags())['123456'], 1);
  });
});

describe('POST /api/customers/setForeignCode', () => {
  it("sets a user's foreign code, which enable and disable then find", async () => {
    const reply = await f.call('setForeignCode', {
      code: 'AG000001',
      user_login: 'admin',
      foreign_code: 'F-1',
    });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, { success: true });
    const user = await f.server.db
      .selectFrom('agency_users')
      .innerJoin('agencies', 'agencies.id', 'agency_users.agency_id')
      .select('agency_users.foreign_code')
      .where('agencies.code', '=', 'AG000001')
      .executeTakeFirstOrThrow();
    assert.equal(user.foreign_code, 'F-1');
    const disabled = await f.call<ToggleReply>('disable', { customers: [{ foreign_code: 'F-1' }] });
    assert.deepEqual(disabled.body.results, { 'F-1': true });
    assert.equal((await enabledFlags()).AG000001, 0);
  });

  it('reports an unknown code, an unknown login and missing or invalid fields with HTTP 200', async () => {
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ code: 'NOPE', user_login: 'admin', foreign_code: 'F' }, ['invalid code']],
      [{ code: 'AG000009', user_login: 'admin', foreign_code: 'F' }, ['invalid code']],
      [{ code: 'AG000001', user_login: 'nobody', foreign_code: 'F' }, ['invalid user_login']],
      [{ code: 'AG000001', user_login: 'admin', foreign_code: 'x'.repeat(101) }, ['invalid foreign_code']],
      [{}, ['missing code', 'missing user_login', 'missing foreign_code']],
    ];
    for (const [body, errors] of cases) {
      const reply = await f.call('setForeignCode', body);
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, { success: false, errors });
    }
  });

  it('refuses a wrong key with 401 in its own reply shape', async () => {
    const reply = await postJson(`${f.server.base}/api/customers/setForeignCode`, {
      key: 'ck_nope',
      owner_code: 'netstorming',
      code: 'AG000001',
      user_login: 'admin',
      foreign_code: 'F',
    });
    assert.equal(reply.status, 401);
    assert.deepEqual(reply.body, { success: false, errors: ['invalid key'] });
  });
});
