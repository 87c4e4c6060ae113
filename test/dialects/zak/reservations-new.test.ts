import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readDemoInventory } from '../../../src/demo-inventory.ts';
import { countRows, tenantWithKey } from '../../helper.ts';
import { startHotel, stay, type Data, type Failure, type Hotel, type ReservationReply } from './hotel.ts';

type Created = Data<{ id: string; rsrvid: number }>;

/** An inventory with the seed example's ids: room types 1 and 3, rooms 2, 3, 7, 9, 15, products 1 and 3. */
function seedInventory() {
  return {
    ...(readDemoInventory() as object),
    vat: { rooms: 13, meals: 10, extras: 22 },
    tourist_tax: { per_guest_per_night: 2.35, max_nights: 10 },
  };
}

describe('POST /kp/reservations/new', () => {
  let hotel: Hotel;
  const newReservation = (params: unknown) =>
    hotel.call<Created & Failure>('reservations/new', { params: JSON.stringify(params) });

  before(async () => {
    hotel = await startHotel(seedInventory());
  });
  after(() => hotel.close());

  it("books the seed's example adapted to real dates (room with type, and a product) → id XY-0001", async () => {
    const r = await newReservation({
      arrival: '20/01/2030',
      departure: '31/01/2030',
      customer: { name: 'Name', surname: 'Surname' },
      rooms: [{ room: 2, room_type: 1, price: 100, currency: 'EUR' }],
      products: [{ product: 3, price: 101, currency: 'EUR' }],
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { data: { id: 'DH-0001', rsrvid: r.body.data.rsrvid } });
    const one = await hotel.call<Data<ReservationReply>>('reservations/fetch_one_reservation', { id: '1' });
    const rooms = one.body.data.rooms;
    assert.deepEqual(
      rooms.map((x) => [x.id_zak_room, x.id_zak_room_type, x.price.total, x.product_id]),
      [
        [2, 1, 100, undefined],
        [6, 3, 101, 3],
      ],
    );
    assert.equal(one.body.data.booker, rooms[0]!.customers[0]!.id);
  });

  it("reproduces the seed's fetch_one_reservation prices exactly to the cent (13221 = 11700 + 1521 at 13 %)", async () => {
    const r = await newReservation({
      arrival: '18/10/2031',
      departure: '31/10/2031',
      board: 'fb',
      customer: { name: 'Ada', surname: 'Lovelace' },
      rooms: [
        { room: 2, room_type: 1, price: 2000 },
        { room: 3, price: 2000 },
        { room: 9, price: 4000, occupancy: { adults: 3 } },
        { room: 15, price: 1221 },
        { room: 7, price: 4000, adults: 3 },
      ],
    });
    assert.equal(r.status, 200, r.text);
    const one = await hotel.call<Data<ReservationReply>>('reservations/fetch_one_reservation', {
      rcode: r.body.data.id,
    });
    const data = one.body.data;
    assert.deepEqual(data.price.rooms, {
      amount: 11700,
      vat: 1521,
      total: 13221,
      discount: 0,
      currency: 'EUR',
    });
    // 9 adults × 10 nights (the maximum) × 2.35 = 211.5 of tourist tax.
    assert.equal(data.taxes.total, 211.5);
    assert.equal(data.price.total, 13221 + 211.5);
    assert.equal(data.board, 'fb');
    assert.equal(data.status, 'Confirmed');
    assert.deepEqual(
      data.rooms.map((x) => [x.id_zak_room, x.id_zak_room_type, x.occupancy.adults, x.dfrom, x.dto]),
      [
        [2, 1, 1, '18/10/2031', '31/10/2031'],
        [3, 1, 1, '18/10/2031', '31/10/2031'],
        [9, 3, 3, '18/10/2031', '31/10/2031'],
        [15, 1, 1, '18/10/2031', '31/10/2031'],
        [7, 3, 3, '18/10/2031', '31/10/2031'],
      ],
    );
  });

  it('assigns a free room of the type, prices from the product or room type × nights', async () => {
    const r = await newReservation(
      stay({
        arrival: '01/05/2032',
        departure: '04/05/2032',
        rooms: [{ room_type: 4 }],
        products: [{ product: 1 }],
      }),
    );
    assert.equal(r.status, 200, r.text);
    const one = await hotel.call<Data<ReservationReply>>('reservations/fetch_one_reservation', {
      id: String(r.body.data.rsrvid),
    });
    const [suite, double] = one.body.data.rooms;
    assert.equal(suite!.id_zak_room, 17);
    assert.equal(suite!.price.total, 3 * 260);
    assert.equal(double!.id_zak_room, 1);
    assert.equal(double!.price.total, 3 * 130);
    assert.equal(double!.product_id, 1);
    assert.equal(double!.rate_id, 1);
  });

  it('accepts the vendor misspelling `depature`, and a JSON body', async () => {
    const params = stay({ arrival: '01/06/2032', depature: '02/06/2032' });
    delete params.departure;
    const r = await newReservation(params);
    assert.equal(r.status, 200, r.text);
    const json = await fetch(`${hotel.server.base}/kp/reservations/new`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': hotel.tenant.key },
      body: JSON.stringify({ params: stay({ arrival: '05/06/2032', departure: '06/06/2032' }) }),
    });
    assert.equal(json.status, 200);
  });

  it('lets the departure day be the next arrival', async () => {
    await hotel.book(stay({ arrival: '01/07/2032', departure: '05/07/2032', rooms: [{ room: 5 }] }));
    const r = await newReservation(
      stay({ arrival: '05/07/2032', departure: '07/07/2032', rooms: [{ room: 5 }] }),
    );
    assert.equal(r.status, 200, r.text);
  });

  it('refuses a room taken on an overlapping night with 409 and writes nothing', async () => {
    await hotel.book(stay({ arrival: '01/08/2032', departure: '05/08/2032', rooms: [{ room: 4 }] }));
    const before = await countRows(hotel.server.db, 'reservations');
    const customers = await countRows(hotel.server.db, 'customers');
    const r = await newReservation(
      stay({ arrival: '04/08/2032', departure: '06/08/2032', rooms: [{ room: 1 }, { room: 4 }] }),
    );
    assert.equal(r.status, 409);
    assert.deepEqual(r.body, { error: 'room not available for these dates' });
    assert.equal(await countRows(hotel.server.db, 'reservations'), before);
    assert.equal(await countRows(hotel.server.db, 'customers'), customers);
  });

  it('refuses the same room twice in one request', async () => {
    const r = await newReservation(
      stay({ arrival: '01/09/2032', departure: '02/09/2032', rooms: [{ room: 3 }, { room: 3 }] }),
    );
    assert.equal(r.status, 409);
  });

  it('answers 409 when no room of the type is free', async () => {
    const suites = [17, 18, 19, 20].map((room) => ({ room }));
    await hotel.book(stay({ arrival: '01/10/2032', departure: '03/10/2032', rooms: suites }));
    const r = await newReservation(
      stay({ arrival: '02/10/2032', departure: '03/10/2032', rooms: [{ room_type: 4 }] }),
    );
    assert.equal(r.status, 409);
    assert.match(r.body.error, /no room of type 4/);
  });

  const invalid: Array<[string, Record<string, unknown>, number, string]> = [
    ["the seed's impossible date 31/02/2023", { departure: '31/02/2023' }, 400, 'invalid date: departure'],
    [
      'a departure before the arrival',
      { arrival: '10/03/2030', departure: '09/03/2030' },
      400,
      'invalid date: departure must follow arrival',
    ],
    [
      'a departure equal to the arrival',
      { departure: '10/03/2030' },
      400,
      'invalid date: departure must follow arrival',
    ],
    ['a date in ISO form', { arrival: '2030-03-10' }, 400, 'invalid date: arrival'],
    ['no customer', { customer: undefined }, 400, 'missing parameter: customer'],
    ['a customer that is text', { customer: 'x' }, 400, 'invalid parameter: customer must be an object'],
    ['a customer that is a list', { customer: [] }, 400, 'invalid parameter: customer must be an object'],
    ['a customer without surname', { customer: { name: 'A' } }, 400, 'missing parameter: surname'],
    ['neither rooms nor products', { rooms: [] }, 400, 'missing parameter: rooms or products'],
    ['rooms not a list', { rooms: { room: 2 } }, 400, 'invalid parameter: rooms must be a list'],
    [
      'a room line with nothing',
      { rooms: [{}] },
      400,
      'invalid parameter: rooms[0] needs a room, a room_type or a product',
    ],
    ['an unknown room', { rooms: [{ room: 159 }] }, 404, 'room not found: 159'],
    ['an unknown room type', { rooms: [{ room_type: 107 }] }, 404, 'room type not found: 107'],
    ['an unknown product', { products: [{ product: 329 }], rooms: undefined }, 404, 'product not found: 329'],
    [
      'a room of the wrong type',
      { rooms: [{ room: 2, room_type: 3 }] },
      400,
      'invalid parameter: room 2 is not of type 3',
    ],
    [
      'a product for another type',
      { rooms: [{ room: 2, product: 3 }] },
      400,
      'invalid parameter: product 3 is not for room type 1',
    ],
    [
      'another currency',
      { rooms: [{ room: 2, currency: 'USD' }] },
      400,
      'invalid parameter: rooms[0].currency must be EUR',
    ],
    ['a negative price', { rooms: [{ room: 2, price: -1 }] }, 400, 'invalid amount: rooms[0].price'],
    ['a room id that is not a number', { rooms: [{ room: 'abc' }] }, 400, 'invalid parameter: rooms[0].room'],
    [
      'too many guests for the room type',
      { rooms: [{ room: 2, occupancy: { adults: 3 } }] },
      400,
      "invalid parameter: rooms[0] exceeds the room type's 2 guests",
    ],
    ['an unknown board', { board: 'xx' }, 400, 'invalid parameter: board (nb, bb, hb, fb or ai)'],
    [
      'a stay longer than a year',
      { departure: '10/03/2032' },
      400,
      'invalid date: stays are at most 366 nights',
    ],
  ];
  for (const [name, change, status, error] of invalid) {
    it(`refuses ${name} (${status})`, async () => {
      const before = await countRows(hotel.server.db, 'reservations');
      const r = await newReservation(stay(change));
      assert.equal(r.status, status, r.text);
      assert.deepEqual(r.body, { error });
      assert.equal(await countRows(hotel.server.db, 'reservations'), before);
    });
  }

  it('refuses malformed or missing params', async () => {
    const broken = await hotel.call<Failure>('reservations/new', { params: '{"arrival": ' });
    assert.deepEqual([broken.status, broken.body], [400, { error: 'invalid JSON: params' }]);
    const missing = await hotel.call<Failure>('reservations/new', {});
    assert.deepEqual([missing.status, missing.body], [400, { error: 'missing parameter: params' }]);
    const list = await hotel.call<Failure>('reservations/new', { params: '[]' });
    assert.equal(list.status, 400);
  });

  it('numbers reservations per tenant with its prefix', async () => {
    const other = await tenantWithKey(hotel.server.db, 'Other Hotel', 'OH');
    const { importInventory, validateInventory } = await import('../../../src/core/inventory.ts');
    await importInventory(
      hotel.server.db,
      other.id,
      validateInventory({ ...(readDemoInventory() as object), prefix: 'OH' }),
    );
    const r = await hotel.call<Created>('reservations/new', { params: JSON.stringify(stay()) }, other.key);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data.id, 'OH-0001');
  });

  it('needs a key', async () => {
    const r = await hotel.call<Failure>('reservations/new', { params: JSON.stringify(stay()) }, 'ck_nope');
    assert.deepEqual([r.status, r.body], [401, { error: 'Authentication error' }]);
  });
});

describe('POST /kp/reservations/fetch_one_reservation', () => {
  let hotel: Hotel;
  let booked: { id: number; code: string };

  before(async () => {
    hotel = await startHotel();
    booked = await hotel.book(stay({ board: 'bb', rooms: [{ room: 2, price: 300, adults: 2 }] }));
  });
  after(() => hotel.close());

  it("returns the reservation by rcode as in the seed's example, with the spec's corrections", async () => {
    const r = await hotel.call<Data<ReservationReply>>('reservations/fetch_one_reservation', {
      rcode: booked.code,
    });
    assert.equal(r.status, 200, r.text);
    const d = r.body.data;
    assert.equal(d.id, booked.id);
    assert.equal(d.id_human, 'DH-0001');
    assert.equal(d.status, 'Confirmed');
    assert.equal(d.expiration_date, '');
    assert.deepEqual(d.origin, { channel: '--' });
    assert.equal(d.board, 'bb');
    assert.match(d.created, /^\d\d\/\d\d\/\d{4}$/);
    assert.equal(d.agency, null);
    assert.equal(d.corporate, null);
    // 300 at 10 % VAT: 272.73 + 27.27; tourist tax 2 adults × 3 nights × 3.50 = 21.
    assert.deepEqual(d.price.rooms, { amount: 272.73, vat: 27.27, total: 300, discount: 0, currency: 'EUR' });
    assert.deepEqual(d.price.extras, { amount: 0, vat: 0, total: 0, discount: 0 });
    assert.equal(d.taxes.total, 21);
    assert.equal(d.price.total, 321);
    assert.deepEqual(d.payment, { amount: 0, currency: 'EUR' });
    const [room] = d.rooms;
    assert.deepEqual(
      { ...room, customers: room!.customers.map((c) => ({ ...c, room_customer_id: 0 })) },
      {
        id_zak_room: 2,
        id_zak_reservation_room: room!.id_zak_reservation_room,
        door_code: null,
        id_zak_room_type: 1,
        dfrom: '10/03/2030',
        dto: '13/03/2030',
        occupancy: { adults: 2, teens: 0, children: 0, babies: 0 },
        price: { amount: 272.73, vat: 27.27, total: 300, discount: 0, currency: 'EUR' },
        customers: [{ checkin: null, checkout: null, id: d.booker, room_customer_id: 0 }],
      },
    );
  });

  it('finds it by id, hcode, human_code, rsrvid or reservation_id', async () => {
    for (const fields of [
      { id: String(booked.id) },
      { hcode: booked.code },
      { human_code: booked.code },
      { rsrvid: String(booked.id) },
      { reservation_id: String(booked.id) },
    ] as Array<Record<string, string>>) {
      const r = await hotel.call<Data<ReservationReply>>('reservations/fetch_one_reservation', fields);
      assert.equal(r.body.data.id, booked.id, JSON.stringify(fields));
    }
  });

  it('shows taxes as {} for a property without tourist tax', async () => {
    const plain = await startHotel({ ...(readDemoInventory() as object), tourist_tax: null });
    try {
      const b = await plain.book(stay({ rooms: [{ room: 2, price: 99.99 }] }));
      const r = await plain.call<Data<ReservationReply>>('reservations/fetch_one_reservation', {
        id: String(b.id),
      });
      assert.deepEqual(r.body.data.taxes, {});
      assert.equal(r.body.data.price.total, 99.99);
    } finally {
      await plain.close();
    }
  });

  it("treats another tenant's reservation exactly like a missing one", async () => {
    const other = await tenantWithKey(hotel.server.db, 'Other', 'OT');
    const theirs = await hotel.call<Failure>(
      'reservations/fetch_one_reservation',
      { id: String(booked.id) },
      other.key,
    );
    const missing = await hotel.call<Failure>('reservations/fetch_one_reservation', { id: '999999' });
    assert.deepEqual([theirs.status, theirs.body], [404, { error: 'reservation not found' }]);
    assert.deepEqual([missing.status, missing.body], [404, { error: 'reservation not found' }]);
  });

  it('refuses a missing or malformed id, and an id and code that disagree', async () => {
    for (const [fields, status, error] of [
      [{}, 400, 'missing parameter: id'],
      [{ id: 'undefined' }, 400, 'invalid parameter: id'],
      [{ id: '-1' }, 400, 'invalid parameter: id'],
      [{ id: String(booked.id), rcode: 'DH-9999' }, 404, 'reservation not found'],
    ] as const) {
      const r = await hotel.call<Failure>('reservations/fetch_one_reservation', fields);
      assert.deepEqual([r.status, r.body], [status, { error }], JSON.stringify(fields));
    }
  });
});
