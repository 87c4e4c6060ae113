import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCustomer } from '../../../src/core/customers.ts';
import { countRows, tenantWithKey, type TestTenant } from '../../helper.ts';
import { startHotel, type Data, type Hotel, type ReservationReply } from './hotel.ts';

/** Tables any reservation call could write to. */
const TABLES = ['reservations', 'reservation_rooms', 'room_nights', 'room_customers', 'customers', 'meals'];

describe("another tenant's reservation, through every call that names one", () => {
  let hotel: Hotel;
  let stranger: TestTenant;
  let reservation: { id: number; code: string };
  let roomId: number;
  let strangersCustomer: number;

  before(async () => {
    hotel = await startHotel();
    stranger = await tenantWithKey(hotel.server.db, 'Other Hotel', 'OT');
    strangersCustomer = await createCustomer(
      hotel.server.db,
      { tenantId: stranger.id, keyId: stranger.keyId },
      { name: 'Eve', surname: 'Other' },
    );
    reservation = await hotel.book({});
    const fetched = await hotel.call<Data<ReservationReply>>('reservations/fetch_one_reservation', {
      id: String(reservation.id),
    });
    roomId = fetched.body.data.rooms[0]!.id_zak_reservation_room;
  });
  after(() => hotel.close());

  const id = () => String(reservation.id);
  const calls: Array<[string, () => Record<string, string>]> = [
    ['fetch_one_reservation', () => ({ id: id() })],
    ['do_checkin', () => ({ reservation_id: id() })],
    ['do_checkout', () => ({ reservation_id: id() })],
    ['undo_checkin', () => ({ human_code: reservation.code })],
    ['undo_checkout', () => ({ reservation_id: id() })],
    ['get_meals', () => ({ rsrvid: id() })],
    [
      'add_meal',
      () => ({
        rsrvid: id(),
        meal: '{"price": 20, "mtype": "l", "mnumber": 1, "times": 1, "day": "11/03/2030"}',
      }),
    ],
    ['del_meal', () => ({ rsrvid: id(), fmid: '1' })],
    ['get_extras', () => ({ rsrvid: id() })],
    [
      'add_extra',
      () => ({ rsrvid: id(), extra: '{"price": 5, "name": "Water", "number": 1, "day": "11/03/2030"}' }),
    ],
    ['del_extra', () => ({ rsrvid: id(), rexid: '1' })],
    ['get_doors_codes', () => ({ rsrvid: id() })],
    ['set_doors_codes', () => ({ rsrvid: id(), codes: JSON.stringify([{ id: roomId, door_code: '9999' }]) })],
    [
      'add_customer',
      () => ({
        reservation_id: id(),
        reservation_room_id: String(roomId),
        custdata: '{"name": "Eve", "surname": "Other"}',
        docdata:
          '{"doc_type": "p", "doc_country": "IT", "doc_number": "X1", "doc_issue": "01/01/2020", "doc_expiry": "01/01/2030"}',
      }),
    ],
    [
      'bind_customer',
      () => ({
        reservation_id: id(),
        reservation_room_id: String(roomId),
        customer_id: String(strangersCustomer),
      }),
    ],
  ];

  for (const [call, fields] of calls) {
    it(`${call} answers exactly like a missing reservation and writes nothing`, async () => {
      const counts = await Promise.all(TABLES.map((t) => countRows(hotel.server.db, t)));
      const foreign = await hotel.call(`reservations/${call}`, fields(), stranger.key);
      assert.equal(foreign.status, 404, foreign.text);
      assert.deepEqual(foreign.body, { error: 'reservation not found' });
      assert.deepEqual(await Promise.all(TABLES.map((t) => countRows(hotel.server.db, t))), counts);
      const doors = await hotel.call<Data<Array<{ door_code: unknown }>>>('reservations/get_doors_codes', {
        rsrvid: id(),
      });
      assert.deepEqual(
        doors.body.data.map((d) => d.door_code),
        [null],
      );
    });
  }
});
