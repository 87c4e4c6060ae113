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
  type Reply,
  type TestTenant,
  silentLog,
} from '../helper.ts';
import { SANDBOX_CALLS } from '../../src/dialects/known-calls.ts';
import { validCustomer } from './netstorming/helper.ts';
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
    const sender = startSender(s.server.db, s.server.config, silentLog);
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

/**
 * Every call of every vendor dialect (the sandbox's list of calls, made from the dialects' own call tables), with
 * each parameter that names a row of the tenant given a row of another tenant: the reply must be the missing row's,
 * the id aside, and the other tenant's rows unchanged. A call missing from CALLS fails the test, so a new call must
 * say which rows it names (or that it names none).
 */
describe('the vendor dialects: an id of another tenant, in every call, is a missing one', () => {
  type Ask = (value: string) => Promise<Reply<unknown>>;
  let s: Sandboxed;
  /** Tenant B's rows (what names them, as text), and A's own for the calls that need a valid row around the id. */
  const theirs: Record<string, string> = {};
  const mine: Record<string, string> = {};
  const MISSING: Record<string, string> = {
    external_id: 'NO-SUCH-EXT',
    card_uid: '999999',
    card_external_id: 'NO-SUCH-CARD',
    card_barcode: '2999999999995',
    phone: '+390000000000',
    email: 'nobody@nowhere.example',
    agency_code: 'NOSUCH01',
    agency_foreign_code: 'NO-SUCH-FC',
    owner_code: 'nosuchowner',
  };
  const missingOf = (row: string) => MISSING[row] ?? '999999';
  let fresh = 0;

  const zak: (path: string, fields: (v: string) => Record<string, unknown>) => Ask = (path, fields) => (v) =>
    s.zak(s.a, path, fields(v));
  const kapi: (path: string, query: (v: string) => Record<string, string>) => Ask =
    (path, query) => async (v) => {
      const r = await fetch(`${s.server.base}/kapi/${path}?${new URLSearchParams(query(v))}`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${s.a.key}:`).toString('base64')}` },
      });
      return { status: r.status, body: undefined, text: await r.text(), headers: r.headers };
    };
  const netstorming: (name: string, body: (v: string) => Record<string, unknown>) => Ask =
    (name, body) => (v) =>
      s.netstorming(s.a, name, body(v));
  const virtpos: (method: string, query: (v: string) => Record<string, string>) => Ask =
    (method, query) => (v) =>
      s.virtpos(s.a, method, query(v));
  const day = '11/06/2031';

  /** Per call, each row it can name and a request of tenant A naming it. `[]`: the call names no row. */
  const CALLS: Record<string, Array<[row: string, ask: Ask]>> = {
    'zak:customers/fetch_one': [['customer', zak('customers/fetch_one', (id) => ({ id }))]],
    'zak:customers/add_one': [],
    'zak:customers/update_custdata': [
      ['customer', zak('customers/update_custdata', (id) => ({ id, custdata: { name: 'X' } }))],
    ],
    'zak:customers/upload_docdata': [
      [
        'customer',
        zak('customers/upload_docdata', (id) => ({
          id,
          docdata: {
            doc_type: 'p',
            doc_country: 'IT',
            doc_number: 'Z1',
            doc_issue: '01/01/2020',
            doc_expiry: '01/01/2030',
          },
        })),
      ],
    ],
    // Rooms, room types, products, rates and reservation codes (DH-0001) are numbered per tenant: each is the
    // tenant's own, so none names another tenant's row.
    'zak:reservations/new': [],
    'zak:reservations/fetch_one_reservation': [
      ['reservation', zak('reservations/fetch_one_reservation', (id) => ({ id }))],
    ],
    'zak:reservations/fetch_reservations': [],
    'zak:reservations/fetch_today_reservations': [],
    ...Object.fromEntries(
      ['do_checkin', 'do_checkout', 'undo_checkin', 'undo_checkout'].map((call) => [
        `zak:reservations/${call}`,
        [
          ['reservation', zak(`reservations/${call}`, (id) => ({ reservation_id: id, all: 'true' }))],
          [
            'room_customer',
            zak(`reservations/${call}`, (id) => ({
              reservation_id: mine.reservation,
              room_customer_ids: `[${id}]`,
            })),
          ],
        ],
      ]),
    ),
    'zak:reservations/add_customer': [
      [
        'reservation_room',
        zak('reservations/add_customer', (id) => ({
          reservation_id: mine.reservation,
          reservation_room_id: id,
          custdata: { name: 'Eve', surname: 'Other' },
          docdata: {
            doc_type: 'p',
            doc_country: 'IT',
            doc_number: 'X1',
            doc_issue: '01/01/2020',
            doc_expiry: '01/01/2030',
          },
        })),
      ],
    ],
    'zak:reservations/bind_customer': [
      [
        'customer',
        zak('reservations/bind_customer', (id) => ({
          reservation_id: mine.reservation,
          reservation_room_id: mine.reservation_room,
          customer_id: id,
        })),
      ],
      [
        'reservation_room',
        zak('reservations/bind_customer', (id) => ({
          reservation_id: mine.reservation,
          reservation_room_id: id,
          customer_id: mine.customer,
        })),
      ],
    ],
    'zak:reservations/get_meals': [['reservation', zak('reservations/get_meals', (rsrvid) => ({ rsrvid }))]],
    'zak:reservations/add_meal': [
      [
        'reservation',
        zak('reservations/add_meal', (rsrvid) => ({
          rsrvid,
          meal: { price: 20, mtype: 'l', mnumber: 1, times: 1, day },
        })),
      ],
    ],
    'zak:reservations/del_meal': [
      ['meal', zak('reservations/del_meal', (fmid) => ({ rsrvid: mine.reservation, fmid }))],
    ],
    'zak:reservations/get_extras': [
      ['reservation', zak('reservations/get_extras', (rsrvid) => ({ rsrvid }))],
    ],
    'zak:reservations/add_extra': [
      [
        'reservation',
        zak('reservations/add_extra', (rsrvid) => ({
          rsrvid,
          extra: { price: 5, name: 'Bike', number: 1, daily: 'false', day, vat_rate: 22, currency: 'EUR' },
        })),
      ],
    ],
    'zak:reservations/del_extra': [
      ['extra', zak('reservations/del_extra', (rexid) => ({ rsrvid: mine.reservation, rexid }))],
    ],
    'zak:reservations/get_doors_codes': [
      ['reservation', zak('reservations/get_doors_codes', (rsrvid) => ({ rsrvid }))],
    ],
    'zak:reservations/set_doors_codes': [
      [
        'reservation_room',
        zak('reservations/set_doors_codes', (id) => ({
          rsrvid: mine.reservation,
          codes: [{ id: Number(id), door_code: '4242' }],
        })),
      ],
    ],
    'zak:property/fetch_rooms': [],
    'zak:property/fetch_room_types': [],
    'zak:property/fetch_products': [],
    'zak:property/fetch_rates': [],
    'zak:property/fetch_meals_board': [],
    'zak:inventory/fetch_symbols': [],
    'zak:inventory/fetch_rate_values': [],
    'zak:inventory/fetch_rooms_availability': [],
    'zak:kapi/test': [],
    'zak:kapi/symbols/get_rsrv_status': [],
    'zak:kapi/symbols/get_doc_types': [],
    'zak:kapi/symbols/get_inv_types': [],
    'zak:kapi/notes/get_notes': [['reservation', kapi('notes/get_notes', (rcode) => ({ rcode }))]],
    'zak:kapi/notes/create_note': [
      ['reservation', kapi('notes/create_note', (rcode) => ({ rcode, new_note: 'x' }))],
    ],
    'zak:kapi/notes/update_note': [
      ['note', kapi('notes/update_note', (id_note) => ({ id_note, updated_note: 'x' }))],
    ],
    'zak:kapi/payments/get_payments': [
      ['reservation', kapi('payments/get_payments', (rcode) => ({ rcode }))],
    ],
    'zak:kapi/payments/do_payment': [
      ['reservation', kapi('payments/do_payment', (rcode) => ({ rcode, pay_type: 'cash', value: '1' }))],
    ],
    // An agency code is unique in the whole instance (docs/netstorming.md): insert's "already exists" for another
    // tenant's code is the one thing a tenant learns of another, so only the owner is tried here.
    'netstorming:insert': [
      [
        'owner_code',
        netstorming('insert', (owner_code) => ({
          owner_code,
          dry_run: true,
          customers: [validCustomer(500 + ++fresh)],
        })),
      ],
    ],
    'netstorming:enable': [
      ['agency_code', netstorming('enable', (code) => ({ customers: [{ code }] }))],
      ['agency_foreign_code', netstorming('enable', (foreign_code) => ({ customers: [{ foreign_code }] }))],
      [
        'owner_code',
        netstorming('enable', (owner_code) => ({ owner_code, customers: [{ code: mine.agency_code }] })),
      ],
    ],
    'netstorming:disable': [
      ['agency_code', netstorming('disable', (code) => ({ customers: [{ code }] }))],
      ['agency_foreign_code', netstorming('disable', (foreign_code) => ({ customers: [{ foreign_code }] }))],
      [
        'owner_code',
        netstorming('disable', (owner_code) => ({ owner_code, customers: [{ code: mine.agency_code }] })),
      ],
    ],
    'netstorming:setForeignCode': [
      [
        'agency_code',
        netstorming('setForeignCode', (code) => ({ code, user_login: 'admin', foreign_code: 'FC-NEW' })),
      ],
    ],
    'virtpos:customer': [
      ['customer', virtpos('', (id) => ({ id }))],
      ['external_id', virtpos('', (external_id) => ({ external_id }))],
      ['phone', virtpos('', (phone) => ({ phone }))],
      ['email', virtpos('', (email) => ({ email }))],
    ],
    'virtpos:customer/update': [
      ['customer', virtpos('update', (id) => ({ id, fname: 'X' }))],
      ['external_id', virtpos('update', (external_id) => ({ external_id, fname: 'X' }))],
      ['group', virtpos('update', (group_id) => ({ id: mine.customer!, group_id }))],
    ],
    'virtpos:customer/insertcard': [
      ['customer', virtpos('insertCard', (customer_id) => ({ uid: `66${++fresh}`, customer_id }))],
      [
        'external_id',
        virtpos('insertCard', (customer_external_id) => ({ uid: `66${++fresh}`, customer_external_id })),
      ],
      ['card_type', virtpos('insertCard', (type_id) => ({ uid: `66${++fresh}`, type_id }))],
    ],
    'virtpos:customer/updatecard': [
      ['card', virtpos('updateCard', (card_id) => ({ card_id, status: 'ACTIVE' }))],
      ['card_uid', virtpos('updateCard', (uid) => ({ uid, status: 'ACTIVE' }))],
      ['card_external_id', virtpos('updateCard', (external_id) => ({ external_id, status: 'ACTIVE' }))],
      ['card_barcode', virtpos('updateCard', (card_barcode) => ({ card_barcode, status: 'ACTIVE' }))],
      ['customer', virtpos('updateCard', (customer_id) => ({ card_id: mine.card!, customer_id }))],
      ['card_type', virtpos('updateCard', (type_id) => ({ card_id: mine.card!, type_id }))],
    ],
    'virtpos:customer/deletecard': [
      ['card', virtpos('deleteCard', (card_id) => ({ card_id }))],
      ['card_uid', virtpos('deleteCard', (uid) => ({ uid }))],
      ['card_external_id', virtpos('deleteCard', (external_id) => ({ external_id }))],
      ['card_barcode', virtpos('deleteCard', (card_barcode) => ({ card_barcode }))],
    ],
  };

  /** The reply as text, with the value tried written ID where a reply repeats it: quoted, or after `: `. */
  const said = (r: Reply<unknown>, value: string) => {
    const v = value.replace(/[.+]/g, '\\$&');
    return `${r.status} ${r.text.replace(new RegExp(`"${v}"|(?<=: )${v}(?![\\w.@-])`, 'g'), 'ID')}`;
  };

  before(async () => {
    s = await startSandbox();
    for (const [t, rows] of [
      [s.b, theirs],
      [s.a, mine],
    ] as const) {
      const n = t.id;
      const made = await s.virtpos(t, 'update', {
        create_if_not_exist: '1',
        external_id: `EXT-${n}`,
        fname: 'Ivan',
        lname: 'Isolato',
        phone: `+39347123450${n}`,
        email: `ivan${n}@isolato.example`,
        group_name: 'VIP',
      });
      assert.equal(made.body.success, 1, made.text);
      Object.assign(rows, {
        customer: String(made.body.id),
        external_id: `EXT-${n}`,
        phone: `+39347123450${n}`,
        email: `ivan${n}@isolato.example`,
      });
      const card = await s.virtpos(t, 'insertCard', {
        uid: `99${n}`,
        external_id: `CARD-${n}`,
        type_name: 'Gold',
        customer_id: rows.customer!,
      });
      assert.equal(card.body.success, 1, card.text);
      rows.card = String(card.body.id);
      rows.card_uid = `99${n}`;
      rows.card_external_id = `CARD-${n}`;
      const booked = await s.zak<{ data: { id: string; rsrvid: number } }>(t, 'reservations/new', {
        params: {
          arrival: '10/06/2031',
          departure: '12/06/2031',
          customer: { name: 'B', surname: 'K' },
          rooms: [{ room: 2 }],
        },
      });
      rows.reservation = String(booked.body.data.rsrvid);
      rows.reservation_code = booked.body.data.id;
      const one = await s.zak<{
        data: { rooms: Array<{ id_zak_reservation_room: number; customers: any[] }> };
      }>(t, 'reservations/fetch_one_reservation', { id: rows.reservation });
      rows.reservation_room = String(one.body.data.rooms[0]!.id_zak_reservation_room);
      rows.room_customer = String(one.body.data.rooms[0]!.customers[0].room_customer_id);
      const rsrvid = rows.reservation;
      rows.meal = String(
        (
          await s.zak<{ data: number }>(t, 'reservations/add_meal', {
            rsrvid,
            meal: { price: 20, mtype: 'l', mnumber: 1, times: 1, day },
          })
        ).body.data,
      );
      rows.extra = String(
        (
          await s.zak<{ data: number }>(t, 'reservations/add_extra', {
            rsrvid,
            extra: { price: 5, name: 'Bike', number: 1, daily: 'false', day, vat_rate: 22, currency: 'EUR' },
          })
        ).body.data,
      );
      await fetch(`${s.server.base}/kapi/notes/create_note?rcode=${rsrvid}&new_note=Late`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${t.key}:`).toString('base64')}` },
      });
      const inserted = await s.netstorming(t, 'insert', { customers: [validCustomer(400 + n)] });
      assert.equal(inserted.status, 200, inserted.text);
      rows.agency_code = String(validCustomer(400 + n).code);
      rows.agency_foreign_code = `FC-${n}`;
      await s.netstorming(t, 'setForeignCode', {
        code: rows.agency_code,
        user_login: 'admin',
        foreign_code: `FC-${n}`,
      });
    }
    const cardOf = await s.admin.call('GET', '/tenants/{tenant}/cards/{id}', {
      params: { tenant: s.b.id, id: theirs.card! },
    });
    theirs.card_barcode = cardOf.body.barcode;
    theirs.card_type = String(cardOf.body.type);
    const customerOf = await s.virtpos(s.b, '', { id: theirs.customer! });
    theirs.group = String(customerOf.body.customers[0].group_id);
    const notes = await fetch(`${s.server.base}/kapi/notes/get_notes?rcode=${theirs.reservation}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${s.b.key}:`).toString('base64')}` },
    });
    theirs.note = String(((await notes.json()) as { data: Array<{ id: number }> }).data[0]!.id);
    await s.admin.call('POST', '/tenants/{tenant}/owners', {
      params: { tenant: s.b.id },
      body: { code: 'theirsonly' },
    });
    theirs.owner_code = 'theirsonly';
    for (const [row, value] of Object.entries(theirs)) assert.ok(value && value !== 'undefined', row);
  });
  after(() => s.close());

  it('knows every call of every dialect', () => {
    assert.deepEqual(Object.keys(CALLS).sort(), [...SANDBOX_CALLS].sort());
  });

  it("answers each call naming another tenant's row as a missing one, changing nothing of theirs", async () => {
    const snapshot = () =>
      s.admin.call('GET', '/tenants/{tenant}/snapshot', { params: { tenant: s.b.id } }).then((r) => ({
        ...r.body,
        taken_at: 0,
      }));
    const before = await snapshot();
    let tried = 0;
    for (const [call, cases] of Object.entries(CALLS))
      for (const [row, ask] of cases) {
        const missing = await ask(missingOf(row));
        const foreign = await ask(theirs[row]!);
        assert.ok(
          missing.status !== 200 || /"success":0|"count":0|false/.test(missing.text),
          `${call} ${row}: ${missing.text}`,
        );
        assert.equal(said(foreign, theirs[row]!), said(missing, missingOf(row)), `${call} ${row}`);
        tried += 1;
      }
    assert.equal(tried, Object.values(CALLS).flat().length);
    assert.deepEqual(await snapshot(), before);
  });
});
