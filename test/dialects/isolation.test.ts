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
import { startSender } from '../../src/events/sender.ts';
import { startSandbox, until, type Sandboxed } from '../sandbox/support.ts';

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

/**
 * Every id the admin API's document lets a request name — a path parameter, a query parameter, a body field —
 * tried with a row of another tenant, generated from the served document: an operation that names an id this test
 * does not know fails it, so a new route cannot escape. The reply must be the missing id's, to the byte (the id
 * itself aside), and the other tenant's rows must be unchanged.
 */
describe('the admin API: an id of another tenant, wherever the document takes one, is a missing one', () => {
  type Op = { method: string; path: string; query: string[]; fields: string[] };
  let s: Sandboxed;
  let ops: Op[];
  /** Tenant B's rows, by what names them. */
  const theirs: Record<string, number | string> = {};
  /** Tenant A's own rows, for the requests whose other ids must be valid. */
  const mine: Record<string, number> = {};
  let fresh = 0;

  // A path parameter, by the segment before it, and the row of B it names.
  const PATH_IDS: Record<string, string> = {
    keys: 'key',
    customers: 'customer',
    reservations: 'reservation',
    cards: 'card',
    agencies: 'agency',
    webhooks: 'webhook',
    deliveries: 'delivery',
    faults: 'fault',
  };
  // The query parameters and body fields that name a row of the tenant, per operation, and which row.
  const FIELD_IDS: Record<string, Record<string, string>> = {
    'get /agencies': { owner: 'owner' },
    'get /deliveries': { webhook: 'webhook' },
    'post /agencies': { owner: 'owner' },
    'post /cards': { customer_id: 'customer', customer_external_id: 'external_id', type_id: 'card_type' },
    'patch /cards/{id}': {
      customer_id: 'customer',
      customer_external_id: 'external_id',
      type_id: 'card_type',
    },
    'post /customers/merge': { source: 'customer', target: 'customer' },
  };
  // Names that look like references but are the row's own value or a position in a list.
  const NOT_REFS = new Set(['external_id', 'cursor', 'since']);
  const looksLikeId = (name: string) =>
    /(^|_)id$|^(owner|webhook|customer|source|target|booker|reservation|agency|card)$/.test(name);
  // A valid request apart from the id tried (bodies of A's own, a fresh unique value each time).
  const base = (op: string): { body?: Record<string, unknown>; query?: Record<string, string> } => {
    fresh += 1;
    switch (op) {
      case 'patch /customers/{id}':
        return { body: { city: 'Nowhere' } };
      case 'patch /cards/{id}':
        return { body: { status: 'ACTIVE' } };
      case 'delete /customers/{id}':
        return { query: { erase: 'true' } };
      case 'post /cards':
        return { body: { uid: `555${fresh}` } };
      case 'post /agencies':
        return { body: { ...agencyBody(fresh), owner: mine.owner } };
      case 'post /customers/merge':
        return { body: { source: mine.customer, target: mine.other_customer, dry_run: true } };
      default:
        return {};
    }
  };
  const agencyBody = (n: number) => ({
    code: `ISO${String(n).padStart(5, '0')}`,
    name: 'Agenzia',
    address: 'Via Roma 1',
    zip: '30100',
    country: 'IT',
    city: 'VCEI',
    mailstaff: 'staff@agenzia.example',
    notify_lang: 'it',
    telephone: '+39 041 123456',
    fax: '041 654321',
    currency: 'EUR',
    booking_online: true,
    blocked_in_deadline: false,
    credit_card: false,
    admin_user_name: 'Mario Rossi',
    admin_user_email: 'mario@agenzia.example',
    admin_user_login: `mario${n}`,
    admin_user_psw: 'secret12',
  });
  const MISSING: Record<string, number | string> = { external_id: 'NO-SUCH-EXT' };
  const missingOf = (row: string) => MISSING[row] ?? 999_999;

  /** The reply as text, with the id tried written ID. */
  const said = (r: { status: number; body: unknown }, id: number | string) =>
    `${r.status} ${JSON.stringify(r.body ?? null).replace(new RegExp(`\\b${id}\\b`, 'g'), 'ID')}`;

  before(async () => {
    s = await startSandbox({ WEBHOOK_ALLOW_PRIVATE: '1' });
    const doc = (await (await fetch(`${s.server.base}/openapi/admin.json`)).json()) as {
      paths: Record<string, Record<string, any>>;
      components: Record<string, any>;
    };
    const deref = (x: any): any =>
      x?.$ref
        ? deref(
            x.$ref
              .split('/')
              .slice(1)
              .reduce((o: any, k: string) => o[k], doc),
          )
        : x;
    ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => method !== 'parameters')
        .map(([method, op]) => ({
          method,
          path: path.replace('/admin/v1', ''),
          query: (op.parameters ?? [])
            .map(deref)
            .filter((p: any) => p.in === 'query')
            .map((p: any) => p.name),
          fields: Object.keys(
            deref(deref(op.requestBody?.content?.['application/json']?.schema))?.properties ?? {},
          ),
        })),
    );

    // Tenant B: one row of everything an id can name (and A: what its own requests need).
    const admin = (method: string, path: string, tenant: number, body?: unknown) =>
      s.admin.call(method, path, { params: { tenant }, body });
    for (const [t, rows] of [
      [s.b, theirs],
      [s.a, mine],
    ] as const) {
      const made = await s.virtpos(t, 'update', {
        create_if_not_exist: '1',
        external_id: `EXT-${t.id}`,
        fname: 'Ivan',
        lname: 'Isolato',
      });
      rows.customer = made.body.id;
      rows.external_id = `EXT-${t.id}`;
      const other = await s.zak(t, 'customers/add_one', { custdata: { name: 'Other', surname: 'Isolato' } });
      rows.other_customer = (other.body as { data: number }).data;
      const card = await s.virtpos(t, 'insertCard', { uid: `88${t.id}`, type_name: 'Gold' });
      rows.card = card.body.id;
      const booked = await s.zak<{ data: { rsrvid: number } }>(t, 'reservations/new', {
        params: {
          arrival: '10/06/2031',
          departure: '12/06/2031',
          customer: { name: 'B', surname: 'K' },
          rooms: [{ room: 2 }],
        },
      });
      rows.reservation = booked.body.data.rsrvid;
    }
    theirs.card_type = (
      await s.admin.call('GET', '/tenants/{tenant}/cards/{id}', {
        params: { tenant: s.b.id, id: theirs.card! },
      })
    ).body.type;
    const owners = await s.admin.call('GET', '/tenants/{tenant}/owners', { params: { tenant: s.b.id } });
    theirs.owner = owners.body.items[0].id;
    mine.owner = (
      await s.admin.call('GET', '/tenants/{tenant}/owners', { params: { tenant: s.a.id } })
    ).body.items[0].id;
    theirs.agency = (
      await admin('POST', '/tenants/{tenant}/agencies', s.b.id, { ...agencyBody(0), owner: theirs.owner })
    ).body.id;
    theirs.key = (await admin('POST', '/tenants/{tenant}/keys', s.b.id)).body.id;
    theirs.fault = (
      await admin('POST', '/tenants/{tenant}/faults', s.b.id, { call: 'zak:kapi/test', status: 503 })
    ).body.id;
    theirs.webhook = (
      await admin('POST', '/tenants/{tenant}/webhooks', s.b.id, {
        url: 'http://127.0.0.1:9/hook',
        format: 'clientele',
      })
    ).body.id;
    await s.zak(s.b, 'customers/add_one', { custdata: { name: 'Event', surname: 'Maker' } });
    const sender = startSender(s.server.db, s.server.config, { error: () => {} });
    try {
      await until(async () => {
        const list = await s.admin.call('GET', '/tenants/{tenant}/deliveries', {
          params: { tenant: s.b.id },
        });
        theirs.delivery = list.body.items[0]?.id;
        return theirs.delivery !== undefined;
      });
    } finally {
      await sender.stop();
    }
  });
  after(() => s.close());

  it('knows every id the document takes', () => {
    const unknown = ops.flatMap((op) => {
      const key = `${op.method} ${op.path.replace('/tenants/{tenant}', '')}`;
      const segments = op.path.split('/');
      const params = segments
        .map((part, i) => (/^\{\w+\}$/.test(part) && part !== '{tenant}' ? segments[i - 1]! : null))
        .filter((segment): segment is string => segment !== null && !(segment in PATH_IDS));
      const names = [...op.query, ...op.fields].filter(
        (name) => looksLikeId(name) && !NOT_REFS.has(name) && !(name in (FIELD_IDS[key] ?? {})),
      );
      return [...params.map((p) => `${key}: path after /${p}`), ...names.map((n) => `${key}: ${n}`)];
    });
    assert.deepEqual(unknown, [], 'add these to PATH_IDS or FIELD_IDS (or NOT_REFS)');
  });

  it('answers each path id of another tenant as a missing one, changing nothing of theirs', async () => {
    const tried = [];
    const before = await s.admin.call('GET', '/tenants/{tenant}/snapshot', { params: { tenant: s.b.id } });
    for (const op of ops) {
      const segments = op.path.split('/');
      const at = segments.indexOf('{id}');
      if (at < 0) continue;
      const row = PATH_IDS[segments[at - 1]!]!;
      const key = `${op.method} ${op.path.replace('/tenants/{tenant}', '')}`;
      const ask = (id: number | string) =>
        s.admin.call(op.method.toUpperCase(), op.path, { params: { tenant: s.a.id, id }, ...base(key) });
      const missing = await ask(missingOf(row));
      const foreign = await ask(theirs[row]!);
      assert.equal(missing.status, 404, `${key}: ${JSON.stringify(missing.body)}`);
      assert.equal(said(foreign, theirs[row]!), said(missing, missingOf(row)), key);
      tried.push(key);
    }
    assert.ok(tried.length >= 18, tried.join(', '));
    const afterwards = await s.admin.call('GET', '/tenants/{tenant}/snapshot', {
      params: { tenant: s.b.id },
    });
    assert.deepEqual({ ...afterwards.body, taken_at: 0 }, { ...before.body, taken_at: 0 });
  });

  it('answers each query parameter and body field naming a row of another tenant as a missing one', async () => {
    let tried = 0;
    for (const op of ops) {
      const key = `${op.method} ${op.path.replace('/tenants/{tenant}', '')}`;
      for (const [name, row] of Object.entries(FIELD_IDS[key] ?? {})) {
        const inQuery = op.query.includes(name);
        assert.ok(inQuery || op.fields.includes(name), `${key} takes no ${name}`);
        const ask = (value: number | string) => {
          const { body, query } = base(key);
          return s.admin.call(op.method.toUpperCase(), op.path, {
            params: { tenant: s.a.id, id: mine[key.includes('cards') ? 'card' : 'customer']! },
            ...(inQuery ? { query: { ...query, [name]: String(value) } } : { query }),
            ...(body || !inQuery ? { body: inQuery ? body : { ...body, [name]: value } } : {}),
          });
        };
        const missing = await ask(missingOf(row));
        const foreign = await ask(theirs[row]!);
        assert.ok(
          missing.status !== 500 && missing.status !== 201,
          `${key} ${name}: ${JSON.stringify(missing.body)}`,
        );
        assert.equal(said(foreign, theirs[row]!), said(missing, missingOf(row)), `${key} ${name}`);
        tried += 1;
      }
    }
    assert.equal(
      tried,
      Object.values(FIELD_IDS).reduce((n, fields) => n + Object.keys(fields).length, 0),
    );
  });
});
