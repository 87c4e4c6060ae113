import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DOCUMENT_TYPES } from '../../../src/core/documents.ts';
import { countRows, tenantWithKey } from '../../helper.ts';
import { startHotel, type Hotel } from './hotel.ts';

/** A request as older integrations send it: POST, parameters in the query, Basic auth with the key as user. */
async function kapi(hotel: Hotel, path: string, query: Record<string, string> = {}, key = hotel.tenant.key) {
  const qs = new URLSearchParams(query).toString();
  const response = await fetch(`${hotel.server.base}/kapi/${path}${qs ? `?${qs}` : ''}`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
      Lcode: '1',
      Accept: 'application/json',
    },
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; error?: string } };
}

describe('POST /kapi/test', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());

  it('answers "Authentication done!" to a good key, with the x-api-key header or Basic auth', async () => {
    assert.deepEqual(await kapi(hotel, 'test'), { status: 200, body: { data: 'Authentication done!' } });
    const r = await fetch(`${hotel.server.base}/kapi/test`, { headers: { 'x-api-key': hotel.tenant.key } });
    assert.deepEqual(await r.json(), { data: 'Authentication done!' });
  });

  it('answers "Authentication error" to a bad key', async () => {
    assert.deepEqual(await kapi(hotel, 'test', {}, 'nope'), {
      status: 401,
      body: { error: 'Authentication error' },
    });
  });

  it('answers "Wrong api name" to an unknown call, after checking the key', async () => {
    assert.deepEqual(await kapi(hotel, 'notes/get_everything'), {
      status: 404,
      body: { error: 'Wrong api name: notes/get_everything' },
    });
    assert.equal((await kapi(hotel, 'notes/get_everything', {}, 'nope')).status, 401);
  });
});

describe('POST /kapi/symbols/*', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());

  it('get_rsrv_status lists the statuses a reservation can have', async () => {
    assert.deepEqual(await kapi(hotel, 'symbols/get_rsrv_status'), {
      status: 200,
      body: { data: ['Confirmed', 'Cancelled'] },
    });
  });

  it('get_doc_types lists exactly the types upload_docdata accepts', async () => {
    const r = await kapi(hotel, 'symbols/get_doc_types', { country: 'IT' });
    assert.equal(r.status, 200);
    const types = r.body.data as Record<string, string>;
    assert.deepEqual(Object.keys(types).sort(), [...DOCUMENT_TYPES].sort());
    assert.equal(types.p, 'Passport');
    assert.equal(types.it_PASOR, 'PASOR');
  });

  it('get_doc_types types are accepted by upload_docdata, and others are not', async () => {
    const c = await hotel.call<{ data: number }>('customers/add_one', {
      custdata: '{"name":"Ada","surname":"Byron"}',
    });
    assert.equal(c.status, 200, JSON.stringify(c.body));
    const upload = (doc_type: string) =>
      hotel.call('customers/upload_docdata', {
        id: String(c.body.data),
        docdata: JSON.stringify({
          doc_type,
          doc_country: 'IT',
          doc_number: `N-${doc_type}`,
          doc_issue: '01/01/2020',
          doc_expiry: '01/01/2030',
        }),
      });
    const listed = Object.keys((await kapi(hotel, 'symbols/get_doc_types')).body.data as object);
    for (const type of listed) assert.equal((await upload(type)).status, 200, type);
    assert.equal((await upload('x_UNKNOWN')).status, 400);
  });

  it('get_inv_types names the inventory types', async () => {
    assert.deepEqual(await kapi(hotel, 'symbols/get_inv_types'), {
      status: 200,
      body: { data: { room: 'Room' } },
    });
  });

  it('answers the same to another tenant, and nothing without a key', async () => {
    const other = await tenantWithKey(hotel.server.db, 'Other', 'OT');
    assert.equal((await kapi(hotel, 'symbols/get_rsrv_status', {}, other.key)).status, 200);
    assert.equal((await kapi(hotel, 'symbols/get_rsrv_status', {}, '')).status, 401);
  });
});

async function paymentAmount(hotel: Hotel, id: number): Promise<number> {
  const r = await hotel.call<{ data: { payment: { amount: number } } }>(
    'reservations/fetch_one_reservation',
    {
      id: String(id),
    },
  );
  return r.body.data.payment.amount;
}

describe('POST /kapi/notes/get_notes, create_note, update_note', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());

  it('creates a note as the vendor documents it, lists it, and updates it', async () => {
    const { id } = await hotel.book({});
    const rcode = String(id);
    assert.deepEqual(await kapi(hotel, 'notes/get_notes', { rcode }), { status: 200, body: { data: [] } });
    assert.deepEqual(await kapi(hotel, 'notes/create_note', { rcode, new_note: 'Late arrival, 23:00' }), {
      status: 200,
      body: { data: 'OK' },
    });
    const listed = (await kapi(hotel, 'notes/get_notes', { rcode })).body.data as Array<{
      id: number;
      remarks: string;
    }>;
    assert.deepEqual(
      listed.map((n) => n.remarks),
      ['Late arrival, 23:00'],
    );
    const id_note = String(listed[0]!.id);
    assert.deepEqual(await kapi(hotel, 'notes/update_note', { id_note, updated_note: 'Arrives 22:00' }), {
      status: 200,
      body: { data: 'OK' },
    });
    assert.deepEqual((await kapi(hotel, 'notes/get_notes', { rcode })).body.data, [
      { id: listed[0]!.id, remarks: 'Arrives 22:00' },
    ]);
  });

  it("treats another tenant's reservation and note as missing, and writes nothing", async () => {
    const { id } = await hotel.book({ arrival: '01/04/2030', departure: '02/04/2030' });
    await kapi(hotel, 'notes/create_note', { rcode: String(id), new_note: 'mine' });
    const [note] = (await kapi(hotel, 'notes/get_notes', { rcode: String(id) })).body.data as Array<{
      id: number;
    }>;
    const other = await tenantWithKey(hotel.server.db, 'Other', 'OT');
    const before = await countRows(hotel.server.db, 'reservation_notes');
    const create = await kapi(
      hotel,
      'notes/create_note',
      { rcode: String(id), new_note: 'theirs' },
      other.key,
    );
    assert.deepEqual(create, { status: 404, body: { error: 'reservation not found' } });
    const update = await kapi(
      hotel,
      'notes/update_note',
      { id_note: String(note!.id), updated_note: 'x' },
      other.key,
    );
    assert.deepEqual(update, { status: 404, body: { error: 'note not found' } });
    assert.equal((await kapi(hotel, 'notes/get_notes', { rcode: String(id) }, other.key)).status, 404);
    assert.equal(await countRows(hotel.server.db, 'reservation_notes'), before);
    assert.deepEqual((await kapi(hotel, 'notes/get_notes', { rcode: String(id) })).body.data, [
      { id: note!.id, remarks: 'mine' },
    ]);
  });

  it("refuses to update a note through another reservation's rcode", async () => {
    const a = await hotel.book({ arrival: '05/04/2030', departure: '06/04/2030' });
    const b = await hotel.book({ arrival: '07/04/2030', departure: '08/04/2030' });
    await kapi(hotel, 'notes/create_note', { rcode: String(a.id), new_note: 'of a' });
    const [note] = (await kapi(hotel, 'notes/get_notes', { rcode: String(a.id) })).body.data as Array<{
      id: number;
    }>;
    const r = await kapi(hotel, 'notes/update_note', {
      rcode: String(b.id),
      id_note: String(note!.id),
      updated_note: 'x',
    });
    assert.deepEqual(r, { status: 404, body: { error: 'note not found' } });
    assert.deepEqual((await kapi(hotel, 'notes/get_notes', { rcode: String(a.id) })).body.data, [
      { id: note!.id, remarks: 'of a' },
    ]);
  });

  it('refuses missing or malformed parameters', async () => {
    const { id } = await hotel.book({ arrival: '10/04/2030', departure: '11/04/2030' });
    assert.equal((await kapi(hotel, 'notes/get_notes')).status, 400);
    assert.equal((await kapi(hotel, 'notes/get_notes', { rcode: 'abc' })).status, 400);
    assert.equal((await kapi(hotel, 'notes/create_note', { rcode: String(id) })).status, 400);
    assert.equal((await kapi(hotel, 'notes/create_note', { rcode: String(id), new_note: '  ' })).status, 400);
    const long = await kapi(hotel, 'notes/create_note', { rcode: String(id), new_note: 'n'.repeat(10_001) });
    assert.equal(long.status, 400);
    assert.match(JSON.stringify(long.body), /new_note longer than 10000/);
    assert.equal((await kapi(hotel, 'notes/update_note', { id_note: 'x', updated_note: 'y' })).status, 400);
    assert.equal(
      (await kapi(hotel, 'notes/update_note', { id_note: '999999', updated_note: 'y' })).status,
      404,
    );
  });
});

describe('POST /kapi/payments/get_payments, do_payment', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());

  it("records a payment as the vendor documents it and moves the reservation's payment.amount to the cent", async () => {
    const { id } = await hotel.book({});
    const rcode = String(id);
    const first = await kapi(hotel, 'payments/do_payment', { rcode, pay_type: 'cash', value: '100.10' });
    assert.equal(first.status, 200);
    assert.equal(typeof first.body.data, 'number');
    await kapi(hotel, 'payments/do_payment', {
      rcode,
      pay_type: 'card',
      value: '0.20',
      currency: 'eur',
      remarks: 'deposit',
      date: '1/3/2030',
    });
    assert.equal(await paymentAmount(hotel, id), 100.3);
    const list = (await kapi(hotel, 'payments/get_payments', { rcode })).body.data as Array<
      Record<string, unknown>
    >;
    assert.deepEqual(
      list.map((p) => [p.id, p.value, p.type, p.currency, p.remarks]),
      [
        [first.body.data, 100.1, 'cash', 'EUR', ''],
        [list[1]!.id, 0.2, 'card', 'EUR', 'deposit'],
      ],
    );
    assert.equal(list[1]!.date, '01/03/2030');
    assert.deepEqual(list[0]!.rsrvs, [id]);
  });

  it('refuses bad amounts, currencies and types, and writes nothing', async () => {
    const { id } = await hotel.book({ arrival: '01/05/2030', departure: '02/05/2030' });
    const rcode = String(id);
    const before = await countRows(hotel.server.db, 'reservation_payments');
    for (const value of ['-5', 'abc', '1e400', '1.005', '0', '', 'NaN']) {
      const r = await kapi(hotel, 'payments/do_payment', { rcode, pay_type: 'cash', value });
      assert.equal(r.status, 400, value);
      assert.match(r.body.error!, /value/, value);
    }
    const usd = await kapi(hotel, 'payments/do_payment', {
      rcode,
      pay_type: 'cash',
      value: '5',
      currency: 'USD',
    });
    assert.deepEqual(usd, { status: 400, body: { error: 'invalid parameter: currency must be EUR' } });
    assert.equal((await kapi(hotel, 'payments/do_payment', { rcode, value: '5' })).status, 400);
    const date = await kapi(hotel, 'payments/do_payment', {
      rcode,
      pay_type: 'cash',
      value: '5',
      date: '31/02/2030',
    });
    assert.equal(date.status, 400);
    assert.equal(await countRows(hotel.server.db, 'reservation_payments'), before);
    assert.equal(await paymentAmount(hotel, id), 0);
  });

  it('filters by date, payment type and cancellation, over one reservation or the whole property', async () => {
    const a = await hotel.book({ arrival: '10/06/2030', departure: '11/06/2030' });
    const b = await hotel.book({ arrival: '12/06/2030', departure: '13/06/2030' });
    const payments: Array<[number, string, string, string]> = [
      [a.id, 'cash', '10', '2/6/2030'],
      [a.id, 'card', '20', '5/6/2030'],
      [b.id, 'card', '30', '9/6/2030'],
    ];
    for (const [rid, pay_type, value, date] of payments) {
      const r = await kapi(hotel, 'payments/do_payment', { rcode: String(rid), pay_type, value, date });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    const list = async (query: Record<string, string>) => {
      const r = await kapi(hotel, 'payments/get_payments', query);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return (r.body.data as Array<{ value: number; rsrvs: number[] }>)
        .filter((p) => p.rsrvs[0] === a.id || p.rsrvs[0] === b.id)
        .map((p) => p.value);
    };
    assert.deepEqual(await list({ rcode: String(a.id) }), [10, 20]);
    assert.deepEqual(await list({ rcode: String(a.id), pay_type: 'card' }), [20]);
    assert.deepEqual(await list({ rcode: String(a.id), dfrom: '3/6/2030' }), [20]);
    assert.deepEqual(await list({ dfrom: '1/6/2030', dto: '30/6/2030' }), [10, 20, 30]);
    assert.deepEqual(await list({ dfrom: '5/6/2030', dto: '9/6/2030', pay_type: 'card' }), [20, 30]);
    assert.deepEqual(await list({ rcode: String(a.id), canceled: '0' }), [10, 20]);
    // Clientele never cancels a payment: there are none to find.
    assert.deepEqual(await list({ rcode: String(a.id), canceled: '1' }), []);
    const bads: Array<Record<string, string>> = [
      { dfrom: '2030-06-01' },
      { dfrom: '9/6/2030', dto: '1/6/2030' },
      { canceled: 'maybe' },
    ];
    for (const bad of bads) {
      assert.equal((await kapi(hotel, 'payments/get_payments', bad)).status, 400, JSON.stringify(bad));
    }
  });

  it("treats another tenant's reservation as missing", async () => {
    const { id } = await hotel.book({ arrival: '03/05/2030', departure: '04/05/2030' });
    const other = await tenantWithKey(hotel.server.db, 'Other', 'OT');
    const r = await kapi(
      hotel,
      'payments/do_payment',
      { rcode: String(id), pay_type: 'cash', value: '5' },
      other.key,
    );
    assert.deepEqual(r, { status: 404, body: { error: 'reservation not found' } });
    assert.equal((await kapi(hotel, 'payments/get_payments', { rcode: String(id) }, other.key)).status, 404);
    assert.equal(await paymentAmount(hotel, id), 0);
    // Without rcode, a tenant sees its own payments only.
    assert.deepEqual((await kapi(hotel, 'payments/get_payments', {}, other.key)).body, { data: [] });
    assert.notDeepEqual((await kapi(hotel, 'payments/get_payments', {})).body, { data: [] });
  });
});
