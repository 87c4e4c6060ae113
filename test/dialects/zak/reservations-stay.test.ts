import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { addDays } from '../../../src/core/dates.ts';
import { cancelReservation } from '../../../src/core/reservations.ts';
import { countRows, tenantWithKey } from '../../helper.ts';
import { startHotel, stay, type Data, type Failure, type Hotel, type ReservationReply } from './hotel.ts';

const DOC = {
  doc_type: 'i',
  doc_country: 'italy',
  doc_number: 'CA00000AA',
  doc_issue: '30/05/2022',
  doc_expiry: '30/12/2031',
};
let week = 0;

/** A new reservation of a double room, a week after the previous one so that none collide. */
async function reservation(hotel: Hotel, rooms: unknown[] = [{ room: 2, adults: 2 }]) {
  const arrival = addDays('2030-01-01', 7 * week++);
  const wire = (iso: string) => iso.split('-').reverse().join('/');
  const booked = await hotel.book(
    stay({ rooms, arrival: wire(arrival), departure: wire(addDays(arrival, 3)) }),
  );
  const r = await hotel.call<Data<ReservationReply>>('reservations/fetch_one_reservation', {
    id: String(booked.id),
  });
  return r.body.data;
}

const customersOf = async (hotel: Hotel, id: number) =>
  (
    await hotel.call<Data<ReservationReply>>('reservations/fetch_one_reservation', { id: String(id) })
  ).body.data.rooms.flatMap((room) => room.customers);

describe('POST /kp/reservations/do_checkin, do_checkout, undo_checkin, undo_checkout', () => {
  let hotel: Hotel;
  let res: ReservationReply;
  const act = (call: string, fields: Record<string, string>) =>
    hotel.call<Data<unknown> & Failure>(`reservations/${call}`, fields);

  before(async () => {
    hotel = await startHotel();
  });
  beforeEach(async () => {
    res = await reservation(hotel);
  });
  after(() => hotel.close());

  it("checks in every guest as in the seed's example (reservation_id and all) → success", async () => {
    const r = await act('do_checkin', { reservation_id: String(res.id), all: 'true' });
    assert.deepEqual([r.status, r.body], [200, { data: { success: 'true' } }]);
    const [guest] = await customersOf(hotel, res.id);
    assert.match(guest!.checkin!, /^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/);
    assert.equal(guest!.checkout, null);
  });

  it('walks the whole state machine by human_code: in, out, undo out, undo in', async () => {
    const code = { human_code: res.id_human };
    assert.equal((await act('do_checkin', code)).status, 200);
    assert.equal((await act('do_checkout', code)).status, 200);
    let [guest] = await customersOf(hotel, res.id);
    assert.ok(guest!.checkin && guest!.checkout);
    assert.equal((await act('undo_checkout', code)).status, 200);
    [guest] = await customersOf(hotel, res.id);
    assert.ok(guest!.checkin && !guest!.checkout);
    assert.equal((await act('undo_checkin', code)).status, 200);
    [guest] = await customersOf(hotel, res.id);
    assert.deepEqual([guest!.checkin, guest!.checkout], [null, null]);
  });

  it('acts on the given room customers only (JSON list or comma list)', async () => {
    const added = await hotel.call<Data<{ reservation_room_customer_id: string }>>(
      'reservations/add_customer',
      {
        reservation_id: String(res.id),
        reservation_room_id: String(res.rooms[0]!.id_zak_reservation_room),
        custdata: '{"name": "Luigi", "surname": "Verdi"}',
        docdata: JSON.stringify(DOC),
      },
    );
    const second = Number(added.body.data.reservation_room_customer_id);
    assert.equal(
      (await act('do_checkin', { reservation_id: String(res.id), room_customer_ids: `[${second}]` })).status,
      200,
    );
    let guests = await customersOf(hotel, res.id);
    assert.deepEqual(
      guests.map((g) => g.checkin !== null),
      [false, true],
    );
    const first = guests[0]!.room_customer_id;
    assert.equal(
      (await act('do_checkin', { reservation_id: String(res.id), room_customer_ids: `${first}` })).status,
      200,
    );
    guests = await customersOf(hotel, res.id);
    assert.deepEqual(
      guests.map((g) => g.checkin !== null),
      [true, true],
    );
  });

  it('refuses a check-out before the check-in, and an undo of what was not done (409)', async () => {
    const id = { reservation_id: String(res.id) };
    for (const call of ['do_checkout', 'undo_checkin', 'undo_checkout']) {
      const r = await act(call, id);
      assert.equal(r.status, 409, call);
    }
    assert.deepEqual((await act('do_checkout', id)).body, {
      error: 'not checked in, or already checked out',
    });
  });

  it('refuses a double check-in and a double check-out (409), and an undo_checkin after check-out', async () => {
    const id = { reservation_id: String(res.id) };
    await act('do_checkin', id);
    assert.deepEqual(await act('do_checkin', id).then((r) => [r.status, r.body]), [
      409,
      { error: 'already checked in' },
    ]);
    const guest = (await customersOf(hotel, res.id))[0]!.room_customer_id;
    const again = await act('do_checkin', { ...id, room_customer_ids: `[${guest}]` });
    assert.equal(again.status, 409);
    await act('do_checkout', id);
    assert.equal((await act('do_checkout', id)).status, 409);
    assert.equal((await act('undo_checkin', id)).status, 409);
  });

  it('refuses to check in a cancelled reservation (409)', async () => {
    await cancelReservation(
      hotel.server.db,
      { tenantId: hotel.tenant.id, keyId: hotel.tenant.keyId },
      { id: res.id },
    );
    const r = await act('do_checkin', { reservation_id: String(res.id) });
    assert.deepEqual([r.status, r.body], [409, { error: 'reservation is cancelled' }]);
  });

  it('refuses room customers of another reservation, and ids of another tenant, as not found', async () => {
    const other = await reservation(hotel);
    const theirs = other.rooms[0]!.customers[0]!.room_customer_id;
    const r = await act('do_checkin', { reservation_id: String(res.id), room_customer_ids: String(theirs) });
    assert.deepEqual([r.status, r.body], [404, { error: `room customer not found: ${theirs}` }]);
    assert.equal((await customersOf(hotel, other.id))[0]!.checkin, null);
    const stranger = await tenantWithKey(hotel.server.db, 'Other', 'OT');
    const foreign = await hotel.call<Failure>(
      'reservations/do_checkin',
      { reservation_id: String(res.id) },
      stranger.key,
    );
    assert.deepEqual([foreign.status, foreign.body], [404, { error: 'reservation not found' }]);
  });

  it('refuses a missing reservation and malformed ids (400)', async () => {
    assert.deepEqual((await act('do_checkin', {})).body, { error: 'missing parameter: id' });
    const bad = await act('do_checkin', { reservation_id: String(res.id), room_customer_ids: '[1, "x"]' });
    assert.deepEqual([bad.status, bad.body], [400, { error: 'invalid parameter: room_customer_ids' }]);
  });
});

describe('POST /kp/reservations/add_customer', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());
  const add = (fields: Record<string, string>) =>
    hotel.call<Data<{ customer_id: string; reservation_room_customer_id: string }> & Failure>(
      'reservations/add_customer',
      fields,
    );

  it("adds a customer with a document to a room as in the seed's example → ids as strings", async () => {
    const res = await reservation(hotel);
    const r = await add({
      reservation_id: String(res.id),
      reservation_room_id: String(res.rooms[0]!.id_zak_reservation_room),
      custdata: '{"name": "Mario", "surname": "Rossi"}',
      docdata: JSON.stringify(DOC),
      all: 'true',
    });
    assert.equal(r.status, 200, r.text);
    assert.match(r.body.data.customer_id, /^\d+$/);
    assert.match(r.body.data.reservation_room_customer_id, /^\d+$/);
    const guests = await customersOf(hotel, res.id);
    assert.deepEqual(
      guests.map((g) => g.id),
      [res.booker, Number(r.body.data.customer_id)],
    );
    const fetched = await hotel.call<Data<{ doc_data: unknown[] }>>('customers/fetch_one', {
      id: r.body.data.customer_id,
    });
    assert.equal(fetched.body.data.doc_data.length, 1);
  });

  it('refuses a guest beyond the occupancy (409) and writes nothing', async () => {
    const res = await reservation(hotel, [{ room: 2, adults: 1 }]);
    const customers = await countRows(hotel.server.db, 'customers');
    const r = await add({
      human_code: res.id_human,
      reservation_room_id: String(res.rooms[0]!.id_zak_reservation_room),
      custdata: '{"name": "Mario", "surname": "Rossi"}',
      docdata: JSON.stringify(DOC),
    });
    assert.deepEqual([r.status, r.body], [409, { error: 'room is full' }]);
    assert.equal(await countRows(hotel.server.db, 'customers'), customers);
  });

  it('refuses a room of another reservation, bad custdata or docdata, and writes nothing', async () => {
    const res = await reservation(hotel);
    const other = await reservation(hotel);
    const base = {
      reservation_id: String(res.id),
      reservation_room_id: String(res.rooms[0]!.id_zak_reservation_room),
    };
    const customers = await countRows(hotel.server.db, 'customers');
    for (const [fields, status, error] of [
      [
        {
          ...base,
          reservation_room_id: String(other.rooms[0]!.id_zak_reservation_room),
          custdata: '{"name": "A", "surname": "B"}',
          docdata: JSON.stringify(DOC),
        },
        404,
        'reservation room not found',
      ],
      [{ ...base, custdata: '{"name": "A"', docdata: JSON.stringify(DOC) }, 400, 'invalid JSON: custdata'],
      [
        { ...base, custdata: '{"name": "A"}', docdata: JSON.stringify(DOC) },
        400,
        'missing parameter: surname',
      ],
      [{ ...base, custdata: '{"name": "A", "surname": "B"}' }, 400, 'missing parameter: docdata'],
      [
        {
          ...base,
          custdata: '{"name": "A", "surname": "B"}',
          docdata: JSON.stringify({ ...DOC, doc_expiry: '31/02/2031' }),
        },
        400,
        'invalid date: doc_expiry',
      ],
      [
        {
          reservation_id: String(res.id),
          custdata: '{"name": "A", "surname": "B"}',
          docdata: JSON.stringify(DOC),
        },
        400,
        'missing parameter: reservation_room_id',
      ],
    ] as const) {
      const r = await add(fields);
      assert.deepEqual([r.status, r.body], [status, { error }], JSON.stringify(fields));
    }
    assert.equal(await countRows(hotel.server.db, 'customers'), customers);
  });
});

describe('POST /kp/reservations/bind_customer', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());
  const bind = (fields: Record<string, string>, key?: string) =>
    hotel.call<Data<null> & Failure>('reservations/bind_customer', fields, key);

  it("binds an existing customer to a room as in the seed's example → null", async () => {
    const res = await reservation(hotel);
    const created = await hotel.call<Data<number>>('customers/add_one', {
      custdata: '{"name": "Anna", "surname": "Bianchi"}',
    });
    const r = await bind({
      reservation_id: String(res.id),
      reservation_room_id: String(res.rooms[0]!.id_zak_reservation_room),
      customer_id: String(created.body.data),
    });
    assert.deepEqual([r.status, r.body], [200, { data: null }]);
    assert.deepEqual(
      (await customersOf(hotel, res.id)).map((g) => g.id),
      [res.booker, created.body.data],
    );
  });

  it('refuses the same customer twice in a room (409), a full room (409), unknown ids (404)', async () => {
    const res = await reservation(hotel);
    const room = String(res.rooms[0]!.id_zak_reservation_room);
    const twice = await bind({
      reservation_id: String(res.id),
      reservation_room_id: room,
      customer_id: String(res.booker),
    });
    assert.deepEqual([twice.status, twice.body], [409, { error: 'customer already in this room' }]);
    const make = async () =>
      (await hotel.call<Data<number>>('customers/add_one', { custdata: '{"name": "A", "surname": "B"}' }))
        .body.data;
    assert.equal(
      (
        await bind({
          reservation_id: String(res.id),
          reservation_room_id: room,
          customer_id: String(await make()),
        })
      ).status,
      200,
    );
    const full = await bind({
      reservation_id: String(res.id),
      reservation_room_id: room,
      customer_id: String(await make()),
    });
    assert.deepEqual([full.status, full.body], [409, { error: 'room is full' }]);
    const unknown = await bind({
      reservation_id: String(res.id),
      reservation_room_id: room,
      customer_id: '999999',
    });
    assert.deepEqual([unknown.status, unknown.body], [404, { error: 'customer not found' }]);
  });

  it("treats another tenant's customer exactly like a missing one", async () => {
    const res = await reservation(hotel);
    const stranger = await tenantWithKey(hotel.server.db, 'Other', 'OT');
    const theirs = await hotel.call<Data<number>>(
      'customers/add_one',
      { custdata: '{"name": "A", "surname": "B"}' },
      stranger.key,
    );
    const r = await bind({
      reservation_id: String(res.id),
      reservation_room_id: String(res.rooms[0]!.id_zak_reservation_room),
      customer_id: String(theirs.body.data),
    });
    assert.deepEqual([r.status, r.body], [404, { error: 'customer not found' }]);
  });
});
