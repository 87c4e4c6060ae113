import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOwner } from '../../../src/core/owners.ts';
import { verifyPassword } from '../../../src/core/passwords.ts';
import { countRows, postJson, tenantWithKey } from '../../helper.ts';
import { netstormingServer, validCustomer, type NetstormingFixture } from './helper.ts';

describe('POST /api/customers/insert', () => {
  let f: NetstormingFixture;
  before(async () => {
    f = await netstormingServer();
  });
  after(() => f.server.close());

  it("reproduces the seed's example reply exactly", async () => {
    const customer = validCustomer(1, {
      code: 'test0123',
      address: undefined,
      notify_lang: 'xx',
      booking_online: 'maybe',
    });
    const reply = await f.insert([customer], { dry_run: true });
    assert.equal(reply.status, 200);
    assert.equal(
      reply.text,
      JSON.stringify({
        dry_run: true,
        results: [{ code: 'test0123', customer: false, user: false }],
        errors: [
          {
            'line/index': 1,
            errors: [
              'missing address',
              'invalid notify_lang',
              'invalid booking_online (valid values: yes, no, y, n, true, false, 1, 0)',
            ],
          },
        ],
      }),
    );
  });

  it('writes the customer and its admin user, normalised, with the password only as a scrypt hash', async () => {
    const customer = validCustomer(2, {
      country: 'it',
      notify_lang: 'EN',
      currency: 'eur',
      city: 'vcei',
      customer_homepage: 'hotelsonline',
      payment_date: 'TOPAY',
      prepayment_days: '7',
      markuphotelsweb: -3,
      force_contextual_payment: 'N',
      admin_user_foreign_code: 'EXT-2',
      surprise: 'ignored',
    });
    const reply = await f.insert([customer]);
    assert.deepEqual(reply.body, {
      dry_run: false,
      results: [{ code: 'AG000002', customer: true, user: true }],
      errors: [],
    });
    const agency = await f.server.db
      .selectFrom('agencies')
      .selectAll()
      .where('code', '=', 'AG000002')
      .executeTakeFirstOrThrow();
    assert.equal(agency.tenant_id, f.tenant.id);
    assert.deepEqual(
      [agency.country, agency.notify_lang, agency.currency, agency.city, agency.customer_homepage],
      ['IT', 'en', 'EUR', 'VCEI', 'HOTELSONLINE'],
    );
    assert.deepEqual(
      [
        agency.booking_online,
        agency.blocked_in_deadline,
        agency.credit_card,
        agency.force_contextual_payment,
      ],
      [1, 0, 1, 0],
    );
    assert.deepEqual(
      [agency.payment_date, agency.prepayment_days, agency.markuphotelsweb, agency.vat, agency.enabled],
      ['topay', 7, -3, null, 1],
    );
    const user = await f.server.db
      .selectFrom('agency_users')
      .selectAll()
      .where('agency_id', '=', agency.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [user.login, user.name, user.email, user.foreign_code, user.is_admin],
      ['admin', 'Mario Rossi', 'admin2@agency.example', 'EXT-2', 1],
    );
    assert.match(user.password_hash, /^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    assert.ok(!user.password_hash.includes('secret12'));
    assert.equal(await verifyPassword('secret12', user.password_hash), true);
    assert.equal(await verifyPassword('secret13', user.password_hash), false);
  });

  it('dry run checks everything, uniqueness included, and writes nothing', async () => {
    const before = [await countRows(f.server.db, 'agencies'), await countRows(f.server.db, 'agency_users')];
    const reply = await f.insert([validCustomer(10), validCustomer(11), validCustomer(2)], { dry_run: 'y' });
    assert.deepEqual(reply.body, {
      dry_run: true,
      results: [
        { code: 'AG000010', customer: true, user: true },
        { code: 'AG000011', customer: true, user: true },
        { code: 'AG000002', customer: false, user: false },
      ],
      errors: [{ 'line/index': 3, errors: ['invalid code (already exists)'] }],
    });
    assert.deepEqual(
      [await countRows(f.server.db, 'agencies'), await countRows(f.server.db, 'agency_users')],
      before,
    );
  });

  it('refuses a code that exists, or that an earlier item of the batch already uses', async () => {
    const reply = await f.insert([
      validCustomer(2, { name: '' }),
      validCustomer(20, { telephone: 'none' }),
      validCustomer(21),
      validCustomer(20),
      validCustomer(21),
    ]);
    assert.deepEqual(
      reply.body.results.map((r) => [r.code, r.customer]),
      [
        ['AG000002', false],
        ['AG000020', false],
        ['AG000021', true],
        ['AG000020', false],
        ['AG000021', false],
      ],
    );
    assert.deepEqual(reply.body.errors, [
      { 'line/index': 1, errors: ['invalid code (already exists)', 'missing name'] },
      { 'line/index': 2, errors: ['invalid telephone'] },
      { 'line/index': 4, errors: ['invalid code (already exists)'] },
      { 'line/index': 5, errors: ['invalid code (already exists)'] },
    ]);
    const codes = await f.server.db
      .selectFrom('agencies')
      .select('code')
      .where('code', 'in', ['AG000020'])
      .execute();
    assert.equal(codes.length, 0);
  });

  it('treats codes as unique across tenants, and logins as unique only within their customer', async () => {
    const other = await tenantWithKey(f.server.db, 'Other Operator', 'OO');
    await createOwner(f.server.db, other.id, { code: 'netstorming' });
    const reply = await postJson<{ results: unknown[]; errors: unknown[] }>(
      `${f.server.base}/api/customers/insert`,
      { key: other.key, owner_code: 'netstorming', customers: [validCustomer(2), validCustomer(30)] },
    );
    assert.deepEqual(reply.body.results, [
      { code: 'AG000002', customer: false, user: false },
      { code: 'AG000030', customer: true, user: true },
    ]);
    const admins = await f.server.db
      .selectFrom('agency_users')
      .select('tenant_id')
      .where('login', '=', 'admin')
      .execute();
    assert.ok(admins.length >= 3);
  });

  it('lands the valid lines of a mixed batch and none of the invalid ones', async () => {
    const before = await countRows(f.server.db, 'agencies');
    const reply = await f.insert([
      validCustomer(40),
      'not an object',
      validCustomer(41, { admin_user_psw: '12345' }),
      validCustomer(42, { prepayment_days: 31 }),
      validCustomer(43),
    ]);
    assert.deepEqual(reply.body.errors, [
      { 'line/index': 2, errors: ['invalid customer (an object expected)'] },
      { 'line/index': 3, errors: ['invalid admin_user_psw'] },
      { 'line/index': 4, errors: ['invalid prepayment_days'] },
    ]);
    assert.deepEqual(
      reply.body.results.map((r) => r.customer),
      [true, false, false, false, true],
    );
    assert.equal(reply.body.results[1]?.code, '');
    assert.equal(await countRows(f.server.db, 'agencies'), before + 2);
    const landed = await f.server.db
      .selectFrom('agencies')
      .select('code')
      .where('code', 'like', 'AG00004%')
      .execute();
    assert.deepEqual(landed.map((r) => r.code).sort(), ['AG000040', 'AG000043']);
  });
});

describe('POST /api/customers/insert: request-level errors', () => {
  let f: NetstormingFixture;
  before(async () => {
    f = await netstormingServer({ BULK_ITEM_LIMIT: '3', BULK_BODY_LIMIT: '4096' });
  });
  after(() => f.server.close());

  const lineZero = (message: string, dryRun = false) => ({
    dry_run: dryRun,
    results: [],
    errors: [{ 'line/index': 0, errors: [message] }],
  });

  it('answers 401 to a wrong or missing key, echoing dry_run', async () => {
    const wrong = await f.insert([validCustomer(1)], { key: 'ck_wrong', dry_run: true });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, lineZero('invalid key', true));
    const missing = await f.insert([validCustomer(1)], { key: undefined });
    assert.equal(missing.status, 401);
    assert.deepEqual(missing.body, lineZero('missing key'));
  });

  it("answers 403 to another tenant's owner exactly as to an unknown one", async () => {
    const other = await tenantWithKey(f.server.db, 'Other Operator', 'OO');
    await createOwner(f.server.db, other.id, { code: 'otherop' });
    for (const owner_code of ['otherop', 'nobody']) {
      const reply = await f.insert([validCustomer(1)], { owner_code });
      assert.equal(reply.status, 403);
      assert.deepEqual(reply.body, lineZero('invalid owner_code'));
    }
    const missing = await f.insert([validCustomer(1)], { owner_code: ' ' });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body, lineZero('missing owner_code'));
  });

  it('answers 400 to a body that is not a JSON object', async () => {
    for (const body of ['{"key": ', '', '[1, 2]']) {
      const reply = await postJson(`${f.server.base}/api/customers/insert`, body);
      assert.equal(reply.status, 400, body);
      assert.equal((reply.body as { results: unknown[] }).results.length, 0);
    }
    const form = await fetch(`${f.server.base}/api/customers/insert`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify({ key: f.tenant.key, owner_code: 'netstorming', customers: [validCustomer(5)] }),
    });
    assert.equal(form.status, 200, 'the body is JSON whatever the content type says');
  });

  it('answers 400 when customers is missing, not a list, empty or over the batch limit', async () => {
    const cases: Array<[unknown, string]> = [
      [undefined, 'missing customers'],
      [{ code: 'x' }, 'invalid customers (a list expected)'],
      [[], 'invalid customers (empty list)'],
      [[1, 2, 3, 4].map((n) => validCustomer(n)), 'invalid customers (more than 3 items)'],
    ];
    for (const [customers, message] of cases) {
      const reply = await f.insert(customers);
      assert.equal(reply.status, 400, message);
      assert.deepEqual(reply.body, lineZero(message));
    }
    const atLimit = await f.insert(
      [1, 2, 3].map((n) => validCustomer(100 + n)),
      { dry_run: true },
    );
    assert.equal(atLimit.status, 200);
  });

  it('answers 400 to a dry_run that is not a boolean', async () => {
    const reply = await f.insert([validCustomer(1)], { dry_run: 'perhaps' });
    assert.equal(reply.status, 400);
    assert.deepEqual(
      reply.body,
      lineZero('invalid dry_run (valid values: yes, no, y, n, true, false, 1, 0)'),
    );
  });

  it('answers 413 to a body over the bulk body limit, and writes nothing', async () => {
    const before = await countRows(f.server.db, 'agencies');
    const reply = await f.insert([validCustomer(1, { name: 'x'.repeat(5000) })]);
    assert.equal(reply.status, 413);
    assert.deepEqual(reply.body, lineZero('request body too large'));
    assert.equal(await countRows(f.server.db, 'agencies'), before);
  });
});
