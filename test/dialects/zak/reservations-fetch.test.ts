import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays, todayIn } from '../../../src/core/dates.ts';
import { createReservation } from '../../../src/core/booking.ts';
import { cancelReservation } from '../../../src/core/reservations.ts';
import { tenantWithKey } from '../../helper.ts';
import { startHotel, stay, type Data, type Failure, type Hotel, type ReservationReply } from './hotel.ts';

type Page = Data<{ reservations: ReservationReply[] }>;
const wire = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

describe('POST /kp/reservations/fetch_reservations', () => {
  let hotel: Hotel;
  const TOTAL = 150;
  const arrivals: string[] = [];
  const fetchPage = (filters?: unknown) =>
    hotel.call<Page & Failure>(
      'reservations/fetch_reservations',
      filters === undefined ? {} : { filters: JSON.stringify(filters) },
    );

  before(async () => {
    hotel = await startHotel();
    const scope = { tenantId: hotel.tenant.id, keyId: hotel.tenant.keyId };
    // Seeded through the core: 20 rooms, a two-night stay every three days per room.
    for (let i = 0; i < TOTAL; i++) {
      const arrival = addDays('2030-01-01', Math.floor(i / 20) * 3);
      arrivals.push(arrival);
      await createReservation(hotel.server.db, scope, {
        arrival,
        departure: addDays(arrival, 2),
        customer: { name: `Guest${i}`, surname: 'Test' },
        rooms: [{ roomId: (i % 20) + 1 }],
      });
    }
  });
  after(() => hotel.close());

  it("filters as in the seed's example (created and arrival ranges, limit 32)", async () => {
    const today = todayIn('Europe/Rome');
    const r = await fetchPage({
      created: { from: wire(addDays(today, -1)), to: wire(addDays(today, 1)) },
      arrival: { from: '04/01/2030', to: '07/01/2030' },
      pager: { limit: 32, offset: 0 },
    });
    assert.equal(r.status, 200, r.text);
    const expected = arrivals.filter((a) => a >= '2030-01-04' && a <= '2030-01-07').length;
    assert.equal(expected, 40);
    assert.equal(r.body.data.reservations.length, 32);
    assert.ok(
      r.body.data.reservations.every((x) => ['04/01/2030', '07/01/2030'].includes(x.rooms[0]!.dfrom)),
    );
    const next = await fetchPage({
      arrival: { from: '04/01/2030', to: '07/01/2030' },
      pager: { limit: 32, offset: 32 },
    });
    assert.equal(next.body.data.reservations.length, expected - 32);
  });

  it('returns pages of exactly 8, 16, 32 or 64, ordered by id, and falls back to 8 for other limits', async () => {
    for (const [limit, size] of [
      [8, 8],
      [16, 16],
      [32, 32],
      [64, 64],
      [100, 8],
      [0, 8],
      ['abc', 8],
      [undefined, 8],
    ] as const) {
      const r = await fetchPage({ pager: limit === undefined ? {} : { limit, offset: 0 } });
      const ids = r.body.data.reservations.map((x) => x.id);
      assert.equal(ids.length, size, `limit ${String(limit)}`);
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => a - b),
      );
    }
    const none = await fetchPage();
    assert.equal(none.body.data.reservations.length, 8);
  });

  it('walks pages without gaps or repeats, and gives an empty list past the end', async () => {
    const seen: number[] = [];
    for (let offset = 0; offset < TOTAL + 64; offset += 64) {
      const r = await fetchPage({ pager: { limit: 64, offset } });
      seen.push(...r.body.data.reservations.map((x) => x.id));
    }
    assert.equal(seen.length, TOTAL);
    assert.equal(new Set(seen).size, TOTAL);
    for (const offset of [TOTAL, TOTAL + 1, 1_000_000]) {
      const r = await fetchPage({ pager: { limit: 8, offset } });
      assert.deepEqual(r.body, { data: { reservations: [] } });
    }
    const last = await fetchPage({ pager: { limit: 16, offset: TOTAL - 3 } });
    assert.equal(last.body.data.reservations.length, 3);
  });

  it('filters by departure and combines filters with AND', async () => {
    const r = await fetchPage({ departure: { from: '03/01/2030', to: '03/01/2030' }, pager: { limit: 64 } });
    assert.equal(r.body.data.reservations.length, 20);
    const both = await fetchPage({
      arrival: { from: '01/01/2030', to: '01/01/2030' },
      departure: { from: '06/01/2030', to: '09/01/2030' },
    });
    assert.deepEqual(both.body.data.reservations, []);
    const past = await fetchPage({ created: { from: '01/01/2000', to: '31/12/2000' } });
    assert.deepEqual(past.body.data.reservations, []);
  });

  it('shows a reservation with several rooms, guests, a check-in, a door code and a meal as fetch_one does', async () => {
    const booked = await hotel.book(
      stay({ arrival: '10/03/2031', departure: '13/03/2031', rooms: [{ room: 1 }, { room: 2, adults: 2 }] }),
    );
    const one = await hotel.call<Data<ReservationReply>>('reservations/fetch_one_reservation', {
      rcode: booked.code,
    });
    const [first, second] = one.body.data.rooms;
    const booker = first!.customers[0]!;
    // A new guest first, then the booker (an older customer): room customers in the order they were added, not
    // by customer id.
    for (const [path, fields] of [
      [
        'add_customer',
        {
          reservation_room_id: String(second!.id_zak_reservation_room),
          custdata: JSON.stringify({ name: 'Anna', surname: 'Bianchi' }),
          docdata: JSON.stringify({
            doc_type: 'p',
            doc_country: 'Italy',
            doc_number: 'X1',
            doc_issue: '01/01/2020',
            doc_expiry: '01/01/2035',
          }),
        },
      ],
      [
        'bind_customer',
        { reservation_room_id: String(second!.id_zak_reservation_room), customer_id: String(booker.id) },
      ],
      ['do_checkin', { room_customer_ids: String(booker.room_customer_id) }],
      [
        'set_doors_codes',
        { codes: JSON.stringify([{ id: first!.id_zak_reservation_room, door_code: '4321' }]) },
      ],
      [
        'add_meal',
        {
          rsrvid: String(booked.id),
          meal: JSON.stringify({ price: 30.5, mtype: 'd', mnumber: 2, times: 1, day: '11/03/2031' }),
        },
      ],
    ] as const) {
      const r = await hotel.call(`reservations/${path}`, {
        reservation_id: String(booked.id),
        rsrvid: String(booked.id),
        ...fields,
      });
      assert.equal(r.status, 200, `${path}: ${r.text}`);
    }
    const expected = await hotel.call<Data<ReservationReply>>('reservations/fetch_one_reservation', {
      rcode: booked.code,
    });
    const page = await fetchPage({ arrival: { from: '10/03/2031', to: '10/03/2031' }, pager: { limit: 8 } });
    assert.equal(page.status, 200, page.text);
    // The same text, keys in the same order: a page is rendered exactly as one reservation is.
    assert.equal(JSON.stringify(page.body.data.reservations), JSON.stringify([expected.body.data]));
    assert.equal(expected.body.data.rooms.length, 2);
    assert.deepEqual(
      expected.body.data.rooms[1]!.customers.map((c) => c.id === booker.id),
      [false, true],
    );
  });

  it('does not show another tenant’s reservations', async () => {
    const other = await tenantWithKey(hotel.server.db, 'Other', 'OT');
    const r = await hotel.call<Page>('reservations/fetch_reservations', {}, other.key);
    assert.deepEqual(r.body, { data: { reservations: [] } });
  });

  it('refuses malformed filters', async () => {
    for (const [filters, error] of [
      ['{"arrival": ', 'invalid JSON: filters'],
      ['[1]', 'invalid parameter: filters must be a JSON object'],
      ['{"arrival": {"from": "31/02/2023", "to": "01/03/2023"}}', 'invalid date: arrival.from'],
      ['{"arrival": "01/01/2030"}', 'invalid parameter: filters.arrival'],
      [
        '{"arrival": {"from": "02/01/2030", "to": "01/01/2030"}}',
        'invalid parameter: arrival.from is after arrival.to',
      ],
      ['{"pager": {"limit": 8, "offset": "x"}}', 'invalid value: pager.offset'],
    ] as const) {
      const r = await hotel.call<Failure>('reservations/fetch_reservations', { filters });
      assert.deepEqual([r.status, r.body], [400, { error }], filters);
    }
  });
});

describe('POST /kp/reservations/fetch_today_reservations', () => {
  let hotel: Hotel;

  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());

  it("lists the stays that include the tenant's today: arriving, staying and leaving, not cancelled", async () => {
    const today = todayIn('Europe/Rome');
    const book = (from: number, to: number, room: number) =>
      hotel.book(
        stay({ arrival: wire(addDays(today, from)), departure: wire(addDays(today, to)), rooms: [{ room }] }),
      );
    const arriving = await book(0, 2, 1);
    const staying = await book(-2, 2, 2);
    const leaving = await book(-3, 0, 3);
    await book(1, 3, 4);
    await book(-4, -1, 5);
    const long = await book(-360, 5, 7);
    const cancelled = await book(0, 1, 6);
    await cancelReservation(
      hotel.server.db,
      { tenantId: hotel.tenant.id, keyId: hotel.tenant.keyId },
      { id: cancelled.id },
    );
    const r = await hotel.call<Page>('reservations/fetch_today_reservations');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.body.data.reservations.map((x) => x.id),
      [arriving.id, staying.id, leaving.id, long.id],
    );
  });

  it('answers an empty list to another tenant', async () => {
    const other = await tenantWithKey(hotel.server.db, 'Other', 'OT');
    const r = await hotel.call<Page>('reservations/fetch_today_reservations', {}, other.key);
    assert.deepEqual(r.body, { data: { reservations: [] } });
  });
});
