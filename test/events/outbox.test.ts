import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { emit } from '../../src/core/events.ts';
import { importInventory, validateInventory } from '../../src/core/inventory.ts';
import { createOwner } from '../../src/core/owners.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';
import { validCustomer } from '../dialects/netstorming/helper.ts';
import {
  postForm,
  postJson,
  startServer,
  tenantWithKey,
  type TestServer,
  type TestTenant,
} from '../helper.ts';

/**
 * Every write of every dialect appends its event in its own transaction: what each call adds to the outbox, read
 * straight from the store, and nothing for a write that fails.
 */
interface Event {
  id: number;
  type: string;
  data: Record<string, unknown>;
}

describe('the outbox', () => {
  let server: TestServer;
  let tenant: TestTenant;
  let seen = 0;

  /** The events appended since the last call, oldest first. */
  async function newEvents(): Promise<Event[]> {
    const rows = await server.db
      .selectFrom('outbox_events')
      .select(['id', 'type', 'data', 'tenant_id'])
      .where('id', '>', seen)
      .orderBy('id')
      .execute();
    if (rows.length) seen = rows.at(-1)!.id;
    for (const row of rows) assert.equal(row.tenant_id, tenant.id);
    return rows.map((row) => ({ id: row.id, type: row.type, data: JSON.parse(row.data) }));
  }
  const types = async () => (await newEvents()).map((e) => e.type);

  const zak = async (path: string, fields: Record<string, string>) => {
    const r = await postForm<{ data?: unknown; error?: string }>(`${server.base}/${path}`, fields, {
      'x-api-key': tenant.key,
    });
    assert.equal(r.status, 200, r.text);
    return r.body;
  };
  const virtpos = async (call: string, query: Record<string, string>) => {
    const q = new URLSearchParams({ apikey: tenant.key, format: 'json', ...query });
    const r = await postForm<{ success: number; id?: number }>(`${server.base}/api/customer${call}?${q}`, {});
    assert.equal(r.body.success, 1, r.text);
    return r.body;
  };
  const netstorming = async (call: string, body: Record<string, unknown>) => {
    const r = await postJson<{ errors?: unknown[] }>(`${server.base}/api/customers/${call}`, {
      key: tenant.key,
      owner_code: 'netstorming',
      ...body,
    });
    assert.equal(r.status, 200, r.text);
    return r.body;
  };

  before(async () => {
    server = await startServer({ PASSWORD_SCRYPT_N: '1024' });
    tenant = await tenantWithKey(server.db);
    await importInventory(server.db, tenant.id, validateInventory(readDemoInventory()));
    await createOwner(server.db, tenant.id, { code: 'netstorming' });
  });
  after(() => server.close());

  it('Zak customers: add_one, update_custdata, upload_docdata (never the document number)', async () => {
    const custdata = JSON.stringify({ name: 'Mario', surname: 'Rossi', email: 'mario@example.com' });
    const { data: id } = (await zak('kp/customers/add_one', { custdata })) as { data: number };
    const [created] = await newEvents();
    assert.deepEqual(created!.type, 'customer.created');
    assert.equal(created!.data.customer, id);
    assert.deepEqual(created!.data.fields, { name: 'Mario', surname: 'Rossi', email: 'mario@example.com' });

    await zak('kp/customers/update_custdata', { id: String(id), custdata: JSON.stringify({ city: 'Roma' }) });
    const [updated] = await newEvents();
    assert.deepEqual(updated, {
      id: updated!.id,
      type: 'customer.updated',
      data: { customer: id, changes: { city: 'Roma' } },
    });

    const docdata = JSON.stringify({
      doc_type: 'p',
      doc_country: 'Italy',
      doc_number: 'YA1234567',
      doc_issue: '01/01/2020',
      doc_expiry: '01/01/2030',
    });
    await zak('kp/customers/upload_docdata', { id: String(id), docdata });
    const [document] = await newEvents();
    assert.deepEqual(document!.data, { customer: id, doc_type: 'p', doc_country: 'IT' });
    assert.doesNotMatch(JSON.stringify(document), /YA1234567/);
  });

  it('Zak reservations: every write of a reservation has its event', async () => {
    const params = {
      arrival: '10/03/2030',
      departure: '13/03/2030',
      customer: { name: 'Anna', surname: 'Bianchi' },
      rooms: [{ room: 2, adults: 2 }],
    };
    const booked = (await zak('kp/reservations/new', { params: JSON.stringify(params) })) as {
      data: { id: string; rsrvid: number };
    };
    const id = booked.data.rsrvid;
    const events = await newEvents();
    assert.deepEqual(
      events.map((e) => e.type),
      ['customer.created', 'reservation.created'],
    );
    assert.deepEqual(events[1]!.data, {
      reservation: id,
      code: booked.data.id,
      status: 'Confirmed',
      booker: events[0]!.data.customer,
      arrival: '2030-03-10',
      departure: '2030-03-13',
      rooms: [2],
    });

    const rid = String(id);
    await zak('kp/reservations/do_checkin', { reservation_id: rid, all: 'true' });
    await zak('kp/reservations/undo_checkin', { reservation_id: rid });
    await zak('kp/reservations/do_checkin', { reservation_id: rid, all: 'true' });
    await zak('kp/reservations/do_checkout', { reservation_id: rid, all: 'true' });
    await zak('kp/reservations/undo_checkout', { reservation_id: rid });
    assert.deepEqual(await types(), [
      'reservation.checked_in',
      'reservation.checkin_undone',
      'reservation.checked_in',
      'reservation.checked_out',
      'reservation.checkout_undone',
    ]);

    const room = (
      (await zak('kp/reservations/fetch_one_reservation', { rcode: booked.data.id })) as {
        data: { rooms: Array<{ id_zak_reservation_room: number }> };
      }
    ).data.rooms[0]!.id_zak_reservation_room;
    await zak('kp/reservations/add_customer', {
      reservation_id: rid,
      reservation_room_id: String(room),
      custdata: JSON.stringify({ name: 'Luca', surname: 'Bianchi' }),
      docdata: JSON.stringify({
        doc_type: 'i',
        doc_country: 'italy',
        doc_number: 'CA00000AA',
        doc_issue: '30/05/2022',
        doc_expiry: '30/12/2031',
      }),
    });
    const added = await newEvents();
    assert.deepEqual(
      added.map((e) => e.type),
      ['customer.created', 'customer.document_saved', 'reservation.guest_added'],
    );
    assert.deepEqual(added[2]!.data, {
      reservation: id,
      reservation_room: room,
      room_customer: added[2]!.data.room_customer,
      customer: added[0]!.data.customer,
    });
    assert.doesNotMatch(JSON.stringify(added), /CA00000AA/);

    const meal = JSON.stringify({ price: 20, mtype: 'l', mnumber: 2, times: 1, day: '11/03/2030' });
    const mealId = ((await zak('kp/reservations/add_meal', { rsrvid: rid, meal })) as { data: number }).data;
    await zak('kp/reservations/del_meal', { rsrvid: rid, fmid: String(mealId) });
    const extra = JSON.stringify({
      price: 30,
      name: 'Parking',
      number: 1,
      daily: 'false',
      day: '11/03/2030',
    });
    const extraId = ((await zak('kp/reservations/add_extra', { rsrvid: rid, extra })) as { data: number })
      .data;
    await zak('kp/reservations/del_extra', { rsrvid: rid, rexid: String(extraId) });
    const lines = await newEvents();
    assert.deepEqual(
      lines.map((e) => e.type),
      [
        'reservation.meal_added',
        'reservation.meal_removed',
        'reservation.extra_added',
        'reservation.extra_removed',
      ],
    );
    assert.deepEqual(lines[0]!.data, {
      reservation: id,
      meal: mealId,
      day: '2030-03-11',
      mtype: 'l',
      mnumber: 2,
      times: 1,
      total_cents: 2000,
    });
    assert.deepEqual(lines[3]!.data, { reservation: id, extra: extraId });

    const codes = JSON.stringify([{ id: room, door_code: '4711' }]);
    await zak('kp/reservations/set_doors_codes', { rsrvid: rid, codes });
    const [doors] = await newEvents();
    assert.deepEqual(doors!.data, { reservation: id, reservation_rooms: [room] });
    assert.doesNotMatch(JSON.stringify(doors), /4711/, 'a door code is a secret');
  });

  it('Zak /kapi/: notes and payments', async () => {
    const params = {
      arrival: '20/03/2030',
      departure: '22/03/2030',
      customer: { name: 'Eva', surname: 'Neri' },
      rooms: [{ room: 3 }],
    };
    const booked = (await zak('kp/reservations/new', { params: JSON.stringify(params) })) as {
      data: { id: string; rsrvid: number };
    };
    await newEvents();
    const auth = { authorization: `Basic ${Buffer.from(`${tenant.key}:`).toString('base64')}` };
    const kapi = async (path: string, query: Record<string, string>) => {
      const r = await postForm<{ data: unknown }>(
        `${server.base}/kapi/${path}?${new URLSearchParams(query)}`,
        {},
        auth,
      );
      assert.equal(r.status, 200, r.text);
      return r.body.data;
    };
    await kapi('notes/create_note', { rcode: String(booked.data.rsrvid), new_note: 'Late arrival' });
    const [note] = await newEvents();
    assert.equal(note!.type, 'reservation.note_added');
    assert.deepEqual(note!.data, {
      reservation: booked.data.rsrvid,
      note: note!.data.note,
      remarks: 'Late arrival',
    });
    await kapi('notes/update_note', { id_note: String(note!.data.note), updated_note: 'Arrives at 22' });
    assert.deepEqual((await newEvents())[0]!.data, {
      reservation: booked.data.rsrvid,
      note: note!.data.note,
      remarks: 'Arrives at 22',
    });
    const payment = await kapi('payments/do_payment', {
      rcode: String(booked.data.rsrvid),
      pay_type: 'cash',
      value: '100.50',
    });
    const [paid] = await newEvents();
    assert.equal(paid!.type, 'reservation.payment_added');
    assert.equal(paid!.data.payment, payment);
    assert.equal(paid!.data.amount_cents, 10050);
  });

  it('virtpos: customers upserted, cards created, changed and deleted', async () => {
    const saved = await virtpos('/update', {
      create_if_not_exist: '1',
      external_id: '1C-0001',
      fname: 'Sergey',
      lname: 'Ivanov',
      phone: '+7 999 123-45-67',
    });
    await virtpos('/update', { id: String(saved.id), email: 's.ivanov@example.ru' });
    const customers = await newEvents();
    assert.deepEqual(
      customers.map((e) => e.type),
      ['customer.created', 'customer.updated'],
    );
    assert.equal(customers[0]!.data.customer, saved.id);
    assert.ok(!Object.keys(customers[0]!.data.fields as object).some((k) => k.endsWith('_key')));
    assert.deepEqual(customers[1]!.data, { customer: saved.id, changes: { email: 's.ivanov@example.ru' } });

    await virtpos('/insertCard', { uid: '400638133393', customer_external_id: '1C-0001' });
    await virtpos('/updateCard', { uid: '400638133393', status: 'ACTIVE' });
    await virtpos('/deleteCard', { uid: '400638133393' });
    const cards = await newEvents();
    assert.deepEqual(
      cards.map((e) => e.type),
      ['card.created', 'card.updated', 'card.deleted'],
    );
    const card = cards[0]!.data.card;
    assert.equal((cards[0]!.data.fields as { customer_id: number }).customer_id, saved.id);
    assert.equal((cards[1]!.data.changes as { status: string }).status, 'ACTIVE');
    assert.deepEqual(cards[2]!.data, { card });
  });

  it('Netstorming: agencies inserted, disabled, enabled, tagged (never a password)', async () => {
    const agency = validCustomer(1);
    await netstorming('insert', { customers: [agency] });
    const [created] = await newEvents();
    assert.equal(created!.type, 'agency.created');
    assert.equal(created!.data.code, agency.code);
    assert.doesNotMatch(JSON.stringify(created), /secret12/);

    await netstorming('disable', { customers: [{ code: agency.code }] });
    await netstorming('disable', { customers: [{ code: agency.code }] });
    await netstorming('enable', { customers: [{ code: agency.code }] });
    await netstorming('setForeignCode', { code: agency.code, user_login: 'admin', foreign_code: 'EXT-42' });
    const changes = await newEvents();
    assert.deepEqual(
      changes.map((e) => e.type),
      ['agency.disabled', 'agency.enabled', 'agency.user_changed'],
      'disabling a disabled agency changes nothing',
    );
    assert.deepEqual(changes[2]!.data, {
      agency: created!.data.agency,
      user_login: 'admin',
      foreign_code: 'EXT-42',
    });
  });

  it('a write that fails appends nothing', async () => {
    await newEvents();
    const missing = await postForm(
      `${server.base}/kp/customers/update_custdata`,
      {
        id: '999999',
        custdata: JSON.stringify({ city: 'Roma' }),
      },
      { 'x-api-key': tenant.key },
    );
    assert.match(missing.text, /error/);
    const taken = {
      arrival: '10/03/2030',
      departure: '12/03/2030',
      customer: { name: 'Late', surname: 'Comer' },
      rooms: [{ room: 2 }],
    };
    const refused = await postForm(
      `${server.base}/kp/reservations/new`,
      { params: JSON.stringify(taken) },
      {
        'x-api-key': tenant.key,
      },
    );
    assert.match(refused.text, /error/);
    // The booker is inserted before the night that is taken refuses the booking: its event goes with it.
    assert.deepEqual(await newEvents(), []);
  });

  it('refuses an event outside a transaction', async () => {
    await assert.rejects(
      emit(server.db, tenant.id, 'card.deleted', { card: 1 }),
      /outside the write's transaction/,
    );
  });
});
