import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readDemoInventory } from '../../../src/demo-inventory.ts';
import { countRows } from '../../helper.ts';
import { startHotel, type Data, type Hotel } from './hotel.ts';

/** The demo hotel with 30 more double rooms (ids 1001…1030), for bookings bigger than one SQL statement. */
function biggerHotel() {
  const inventory = readDemoInventory() as { rooms: Array<Record<string, unknown>> };
  for (let i = 1; i <= 30; i += 1) {
    inventory.rooms.push({ id: 1000 + i, room_type: 1, name: `Annex ${i}`, tags: [] });
  }
  return inventory;
}

describe('Zak reservations under load and odd input', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await startHotel(biggerHotel());
  });
  after(() => hotel.close());

  it('books 30 rooms for 340 nights (10,200 room-nights, more than one statement can bind)', async () => {
    const rooms = Array.from({ length: 30 }, (_, i) => ({ room: 1001 + i, price: 1000 }));
    const booked = await hotel.book({ arrival: '01/01/2031', departure: '07/12/2031', rooms });
    assert.ok(booked.id > 0);
    assert.equal(await countRows(hotel.server.db, 'room_nights'), 30 * 340);
    const again = await hotel.call('reservations/new', {
      params: JSON.stringify({
        arrival: '06/12/2031',
        departure: '08/12/2031',
        customer: { name: 'Late', surname: 'Guest' },
        rooms: [{ room: 1030 }],
      }),
    });
    assert.equal(again.status, 409, again.text);
  });

  it('answers an offset beyond any table with an empty page, not an error', async () => {
    for (const offset of [2 ** 31, 1e19, '99999999999999999999']) {
      const r = await hotel.call<Data<{ reservations: unknown[] }>>('reservations/fetch_reservations', {
        filters: JSON.stringify({ pager: { limit: 8, offset } }),
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.data.reservations, []);
    }
  });

  it('keeps the meal totals exact when many meals are added to one reservation at once', async () => {
    const { id } = await hotel.book({ arrival: '10/05/2030', departure: '14/05/2030' });
    const adds = Array.from({ length: 20 }, (_, i) =>
      hotel.call('reservations/add_meal', {
        rsrvid: String(id),
        meal: JSON.stringify({ price: 10 + i, mtype: 'l', mnumber: 1, times: 1, day: '11/05/2030' }),
      }),
    );
    for (const r of await Promise.all(adds)) assert.equal(r.status, 200, r.text);
    const reservation = await hotel.call<Data<{ price: { meals: { total: number } } }>>(
      'reservations/fetch_one_reservation',
      { id: String(id) },
    );
    // 10 + 11 + … + 29
    assert.equal(reservation.body.data.price.meals.total, 390);
  });

  it('refuses a NUL character anywhere in the request and writes nothing', async () => {
    const before = await countRows(hotel.server.db, 'customers');
    const inField = await hotel.call('customers/add_one', {
      custdata: '{"name": "A\\u0000", "surname": "B"}',
    });
    assert.equal(inField.status, 400);
    assert.deepEqual(inField.body, { error: 'invalid parameter: NUL character in custdata' });
    const inForm = await hotel.call('reservations/fetch_one_reservation', { rcode: 'TH-0001\u0000' });
    assert.equal(inForm.status, 400);
    assert.deepEqual(inForm.body, { error: 'invalid parameter: NUL character in the request' });
    assert.equal(await countRows(hotel.server.db, 'customers'), before);
  });
});
