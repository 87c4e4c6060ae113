import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fastJson from 'fast-json-stringify';
import { reservationPrice } from '../../../src/core/pricing.ts';
import type { ReservationRoomView, ReservationView } from '../../../src/core/reservations.ts';
import { renderReservation } from '../../../src/dialects/zak/reservation-render.ts';
import { reservationPageReply, reservationReply } from '../../../src/dialects/zak/reservation-schema.ts';
import { AWKWARD } from './awkward-text.ts';

function room(i: number, overrides: Partial<ReservationRoomView> = {}): ReservationRoomView {
  return {
    id: 100 + i,
    room_id: i + 1,
    room_type_id: 3,
    dfrom: '2030-01-04',
    dto: '2030-01-07',
    adults: 2,
    teens: i % 2,
    children: 0,
    babies: 1,
    product_id: i % 2 === 0 ? null : 7,
    rate_id: i % 3 === 0 ? null : 2,
    price_cents: 1_775_085 + i,
    vat_cents: 161_371,
    door_code: i % 2 === 0 ? null : AWKWARD[i % AWKWARD.length]!,
    customers:
      i % 3 === 0
        ? []
        : [
            { id: 9, customer_id: 41, checkin: '2030-01-04T13:05:09.123Z', checkout: null },
            { id: 10, customer_id: 42, checkin: null, checkout: null },
          ],
    ...overrides,
  };
}

function reservation(i: number): ReservationView {
  const r = {
    id: i + 1,
    code: i === 0 ? AWKWARD[0]! : `TH-${i}`,
    booker: 500 + i,
    status: i % 4 === 0 ? 'Cancelled' : 'Confirmed',
    expiration_date: i % 2 === 0 ? null : '2030-02-01',
    board: AWKWARD[i % AWKWARD.length]!,
    channel: AWKWARD[(i + 1) % AWKWARD.length]!,
    cpolicy: AWKWARD[(i + 2) % AWKWARD.length]!,
    created_on: '2029-12-31',
    last_status_at: i % 3 === 0 ? null : '2030-01-04T10:00:00.000Z',
    currency: 'EUR',
    vat_rooms_bp: 1300,
    tax_cents: i % 2 === 0 ? null : 1_234,
    extras_cents: 3_333 * i,
    extras_vat_cents: 601 * i,
    meals_cents: 1_005,
    meals_vat_cents: 91,
    paid_cents: 250 * i,
  };
  const rooms = Array.from({ length: i % 4 }, (_, k) => room(i + k));
  return {
    reservation: r,
    rooms,
    price: reservationPrice(
      rooms.map((x) => x.price_cents),
      r,
    ),
  };
}

describe('the reservation reply schema', () => {
  const page = {
    data: { reservations: Array.from({ length: 24 }, (_, i) => renderReservation(reservation(i))) },
  };

  it('serialises a page to exactly the text JSON.stringify writes', () => {
    const text = fastJson(reservationPageReply as Parameters<typeof fastJson>[0])(page);
    assert.equal(text, JSON.stringify(page));
  });

  it('serialises one reservation to exactly the text JSON.stringify writes', () => {
    const serialise = fastJson(reservationReply as Parameters<typeof fastJson>[0]);
    for (const r of page.data.reservations) assert.equal(serialise({ data: r }), JSON.stringify({ data: r }));
  });

  it('an empty page too', () => {
    const empty = { data: { reservations: [] } };
    assert.equal(
      fastJson(reservationPageReply as Parameters<typeof fastJson>[0])(empty),
      JSON.stringify(empty),
    );
  });
});
