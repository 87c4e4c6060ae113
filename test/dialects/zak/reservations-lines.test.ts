import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countRows, tenantWithKey } from '../../helper.ts';
import {
  startHotel,
  stay,
  type Data,
  type Failure,
  type Hotel,
  type PriceReply,
  type ReservationReply,
} from './hotel.ts';

interface MealReply {
  id: number;
  dates: { created: string; day: string };
  meal_info: { mnumber: number; mtype: string; times: number };
  price: PriceReply & { vat_rate: number };
}
interface ExtraReply {
  rexid: number;
  dates: { created: string; daily: boolean; day: string | null };
  extra_info: { number: number; name: string; exid: number | null };
  price: PriceReply & { vat_rate: number };
}

const fetchOne = async (hotel: Hotel, id: number) =>
  (await hotel.call<Data<ReservationReply>>('reservations/fetch_one_reservation', { id: String(id) })).body
    .data;

let week = 0;
/** A reservation 10/03 → 13/03 of a year of its own, so that none collide. */
async function reservation(hotel: Hotel) {
  const year = 2030 + week++;
  const params = { arrival: `10/03/${year}`, departure: `13/03/${year}`, rooms: [{ room: 2, price: 300 }] };
  return { ...(await hotel.book(stay(params))), year };
}

describe('POST /kp/reservations/get_meals, add_meal, del_meal', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());
  const addMeal = (rsrvid: number, meal: unknown) =>
    hotel.call<Data<number> & Failure>('reservations/add_meal', {
      rsrvid: String(rsrvid),
      meal: JSON.stringify(meal),
    });

  it("adds a meal as in the seed's example, lists it in the seed's shape, and counts it in the price", async () => {
    const res = await reservation(hotel);
    const day = `11/03/${res.year}`;
    const r = await addMeal(res.id, { price: 200, mtype: 'l', mnumber: 1, times: 1, day });
    assert.equal(r.status, 200, r.text);
    assert.equal(typeof r.body.data, 'number');
    const list = await hotel.call<Data<MealReply[]>>('reservations/get_meals', { rsrvid: String(res.id) });
    assert.deepEqual(list.body.data, [
      {
        id: r.body.data,
        dates: { created: list.body.data[0]!.dates.created, day },
        meal_info: { mnumber: 1, mtype: 'l', times: 1 },
        price: { amount: 181.82, currency: 'EUR', discount: 0, total: 200, vat: 18.18, vat_rate: 10 },
      },
    ]);
    const one = await fetchOne(hotel, res.id);
    assert.deepEqual(one.price.meals, { amount: 181.82, vat: 18.18, total: 200, discount: 0 });
    assert.equal(one.price.total, 300 + 200 + (one.taxes.total ?? 0));
  });

  it('accepts the arrival and the departure day, refuses a day outside the stay', async () => {
    const res = await reservation(hotel);
    const { year } = res;
    assert.equal(
      (await addMeal(res.id, { price: 10, mtype: 'b', mnumber: 2, times: 1, day: `10/03/${year}` })).status,
      200,
    );
    assert.equal(
      (await addMeal(res.id, { price: 10, mtype: 'b', mnumber: 2, times: 1, day: `13/03/${year}` })).status,
      200,
    );
    const outside = await addMeal(res.id, {
      price: 10,
      mtype: 'd',
      mnumber: 1,
      times: 1,
      day: `14/03/${year}`,
    });
    assert.deepEqual(
      [outside.status, outside.body],
      [400, { error: 'invalid date: day is outside the stay' }],
    );
  });

  it('refuses malformed meals and writes nothing', async () => {
    const res = await reservation(hotel);
    const { year } = res;
    const good = { price: 10, mtype: 'l', mnumber: 1, times: 1, day: `11/03/${year}` };
    const before = await countRows(hotel.server.db, 'meals');
    for (const [meal, error] of [
      [{ ...good, mtype: 'x' }, 'invalid value: mtype (b, l or d)'],
      [{ ...good, mnumber: 0 }, 'invalid value: mnumber'],
      [{ ...good, times: 1.5 }, 'invalid value: times'],
      [{ ...good, price: 'ten' }, 'invalid amount: price'],
      [{ ...good, day: '31/02/2023' }, 'invalid date: day'],
      [{ ...good, price: undefined }, 'missing parameter: price'],
    ] as const) {
      const r = await addMeal(res.id, meal);
      assert.deepEqual([r.status, r.body], [400, { error }], JSON.stringify(meal));
    }
    const broken = await hotel.call<Failure>('reservations/add_meal', {
      rsrvid: String(res.id),
      meal: '{"price": ',
    });
    assert.deepEqual([broken.status, broken.body], [400, { error: 'invalid JSON: meal' }]);
    assert.equal(await countRows(hotel.server.db, 'meals'), before);
  });

  it('deletes a meal → null; a meal of another reservation is not found and stays', async () => {
    const a = await reservation(hotel);
    const b = await reservation(hotel);
    const meal = (
      await addMeal(b.id, { price: 20, mtype: 'd', mnumber: 1, times: 1, day: `11/03/${b.year}` })
    ).body.data;
    const wrong = await hotel.call<Failure>('reservations/del_meal', {
      rsrvid: String(a.id),
      fmid: String(meal),
    });
    assert.deepEqual([wrong.status, wrong.body], [404, { error: 'meal not found' }]);
    const r = await hotel.call('reservations/del_meal', { rsrvid: String(b.id), fmid: String(meal) });
    assert.deepEqual([r.status, r.body], [200, { data: null }]);
    assert.deepEqual((await fetchOne(hotel, b.id)).price.meals, { amount: 0, vat: 0, total: 0, discount: 0 });
    const again = await hotel.call('reservations/del_meal', { rsrvid: String(b.id), fmid: String(meal) });
    assert.equal(again.status, 404);
  });

  it("treats another tenant's reservation as missing", async () => {
    const res = await reservation(hotel);
    const stranger = await tenantWithKey(hotel.server.db, 'Other', 'OT');
    const r = await hotel.call<Failure>('reservations/get_meals', { rsrvid: String(res.id) }, stranger.key);
    assert.deepEqual([r.status, r.body], [404, { error: 'reservation not found' }]);
    const missing = await hotel.call<Failure>('reservations/get_meals', {});
    assert.deepEqual([missing.status, missing.body], [400, { error: 'missing parameter: rsrvid' }]);
  });
});

describe('POST /kp/reservations/get_extras, add_extra, del_extra', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());
  const addExtra = (rsrvid: number, extra: unknown) =>
    hotel.call<Data<number> & Failure>('reservations/add_extra', {
      rsrvid: String(rsrvid),
      extra: JSON.stringify(extra),
    });

  it("adds an extra as in the seed's example (name, price, day, vat_rate 12) and lists it", async () => {
    const res = await reservation(hotel);
    const { year } = res;
    const r = await addExtra(res.id, {
      price: 200,
      name: 'Big',
      number: 1,
      daily: 'false',
      day: `11/03/${year}`,
      vat_rate: 12,
      currency: 'EUR',
    });
    assert.equal(r.status, 200, r.text);
    const list = await hotel.call<Data<ExtraReply[]>>('reservations/get_extras', { rsrvid: String(res.id) });
    assert.deepEqual(list.body.data, [
      {
        rexid: r.body.data,
        dates: { created: list.body.data[0]!.dates.created, daily: false, day: `11/03/${year}` },
        extra_info: { number: 1, name: 'Big', exid: null },
        price: { amount: 178.57, currency: 'EUR', discount: 0, total: 200, vat: 21.43, vat_rate: 12 },
      },
    ]);
    assert.deepEqual((await fetchOne(hotel, res.id)).price.extras, {
      amount: 178.57,
      vat: 21.43,
      total: 200,
      discount: 0,
      currency: 'EUR',
    });
  });

  it("answers 400 to the seed's curl as the shell sends it (`'EUR'` inside single quotes loses its quotes)", async () => {
    const res = await reservation(hotel);
    const r = await hotel.call<Failure>('reservations/add_extra', {
      rsrvid: String(res.id),
      extra: `{"price": 200, "name": "Big", "number" : 1, "daily" : "false", "day": "11/03/${res.year}", "vat_rate": 12, "currency": EUR}`,
    });
    assert.deepEqual([r.status, r.body], [400, { error: 'invalid JSON: extra' }]);
  });

  it("prices a daily catalogue extra from the catalogue: 'Acqua' 3.50 × 2 × 3 nights at 12 %", async () => {
    const res = await reservation(hotel);
    const r = await addExtra(res.id, { exid: 2, number: 2, daily: true });
    assert.equal(r.status, 200, r.text);
    const [extra] = (
      await hotel.call<Data<ExtraReply[]>>('reservations/get_extras', { rsrvid: String(res.id) })
    ).body.data;
    assert.deepEqual(extra!.dates.day, null);
    assert.deepEqual(extra!.extra_info, { number: 2, name: 'Acqua', exid: 2 });
    assert.deepEqual(extra!.price, {
      amount: 18.75,
      currency: 'EUR',
      discount: 0,
      total: 21,
      vat: 2.25,
      vat_rate: 12,
    });
  });

  it('refuses malformed extras and writes nothing', async () => {
    const res = await reservation(hotel);
    const before = await countRows(hotel.server.db, 'reservation_extras');
    for (const [extra, status, error] of [
      [{ price: 10, number: 1, day: '11/03/2030' }, 400, 'missing parameter: exid or name'],
      [{ price: 10, name: 'X', number: 1 }, 400, 'missing parameter: day (the extra is not daily)'],
      [{ price: 10, name: 'X', number: 1, day: '01/01/2020' }, 400, 'invalid date: day is outside the stay'],
      [{ price: 10, name: 'X', number: 0, daily: true }, 400, 'invalid value: number'],
      [{ price: 10, name: 'X', number: 1, daily: 'maybe' }, 400, 'invalid value: daily ("true" or "false")'],
      [{ name: 'X', number: 1, daily: true }, 400, 'missing parameter: price'],
      [
        { price: 10, name: 'X', number: 1, daily: true, currency: 'USD' },
        400,
        'invalid parameter: currency must be EUR',
      ],
      [{ exid: 99, number: 1, daily: true }, 404, 'extra not found: 99'],
    ] as const) {
      const r = await addExtra(res.id, extra);
      assert.deepEqual([r.status, r.body], [status, { error }], JSON.stringify(extra));
    }
    assert.equal(await countRows(hotel.server.db, 'reservation_extras'), before);
  });

  it('deletes an extra → null; an extra of another reservation is not found', async () => {
    const a = await reservation(hotel);
    const b = await reservation(hotel);
    const rexid = (await addExtra(b.id, { exid: 1, number: 1, daily: true })).body.data;
    const wrong = await hotel.call<Failure>('reservations/del_extra', {
      rsrvid: String(a.id),
      rexid: String(rexid),
    });
    assert.deepEqual([wrong.status, wrong.body], [404, { error: 'extra not found' }]);
    const r = await hotel.call('reservations/del_extra', { rsrvid: String(b.id), rexid: String(rexid) });
    assert.deepEqual([r.status, r.body], [200, { data: null }]);
    assert.deepEqual((await fetchOne(hotel, b.id)).price.extras.total, 0);
  });
});

describe('POST /kp/reservations/get_doors_codes, set_doors_codes', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());

  it("sets codes as in the seed's example and reads them back (null when unset)", async () => {
    const year = 2040;
    const res = await hotel.book(
      stay({
        arrival: `01/01/${year}`,
        departure: `02/01/${year}`,
        rooms: [{ room: 2 }, { room: 3 }, { room: 9 }],
      }),
    );
    const rooms = (await fetchOne(hotel, res.id)).rooms.map((r) => r.id_zak_reservation_room);
    const set = await hotel.call('reservations/set_doors_codes', {
      rsrvid: String(res.id),
      codes: JSON.stringify([
        { id: rooms[0], door_code: '1111' },
        { id: rooms[1], door_code: '2222' },
      ]),
    });
    assert.deepEqual([set.status, set.body], [200, { data: null }]);
    const get = await hotel.call('reservations/get_doors_codes', { rsrvid: String(res.id) });
    assert.deepEqual(get.body, {
      data: [
        { zak_reservation_room_id: rooms[0], door_code: { code: '1111' } },
        { zak_reservation_room_id: rooms[1], door_code: { code: '2222' } },
        { zak_reservation_room_id: rooms[2], door_code: null },
      ],
    });
    assert.deepEqual((await fetchOne(hotel, res.id)).rooms[0]!.door_code, { door_code: '1111' });
  });

  it('changes nothing when one room is not of the reservation; refuses malformed codes', async () => {
    const a = await hotel.book(
      stay({ arrival: '01/02/2040', departure: '02/02/2040', rooms: [{ room: 2 }] }),
    );
    const b = await hotel.book(
      stay({ arrival: '01/02/2040', departure: '02/02/2040', rooms: [{ room: 3 }] }),
    );
    const mine = (await fetchOne(hotel, a.id)).rooms[0]!.id_zak_reservation_room;
    const theirs = (await fetchOne(hotel, b.id)).rooms[0]!.id_zak_reservation_room;
    const r = await hotel.call<Failure>('reservations/set_doors_codes', {
      rsrvid: String(a.id),
      codes: JSON.stringify([
        { id: mine, door_code: '9' },
        { id: theirs, door_code: '9' },
      ]),
    });
    assert.deepEqual([r.status, r.body], [404, { error: `reservation room not found: ${theirs}` }]);
    assert.equal((await fetchOne(hotel, a.id)).rooms[0]!.door_code, null);
    assert.equal((await fetchOne(hotel, b.id)).rooms[0]!.door_code, null);
    for (const [codes, error] of [
      ['[{"id": 1, "door_code": ', 'invalid JSON: codes'],
      ['[{"door_code": "1"}]', 'missing parameter: codes.id'],
      [`[{"id": ${mine}}]`, 'missing parameter: codes.door_code'],
      ['[]', 'missing parameter: codes'],
      [
        JSON.stringify([{ id: mine, door_code: '1'.repeat(65) }]),
        'invalid value: door_code is longer than 64 characters',
      ],
    ] as const) {
      const bad = await hotel.call<Failure>('reservations/set_doors_codes', {
        rsrvid: String(a.id),
        codes: codes!,
      });
      assert.deepEqual([bad.status, bad.body], [400, { error }], codes);
    }
    // The limit counts characters: 64 emoji are 128 UTF-16 units.
    const emoji = '🔑'.repeat(64);
    const set = await hotel.call('reservations/set_doors_codes', {
      rsrvid: String(a.id),
      codes: JSON.stringify([{ id: mine, door_code: emoji }]),
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual((await fetchOne(hotel, a.id)).rooms[0]!.door_code, { door_code: emoji });
  });
});
