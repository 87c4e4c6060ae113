import type { VatSplit } from '../../core/money.ts';
import { fromBasisPoints, fromCents } from '../../core/money.ts';
import type { ReservationRoomView, ReservationView } from '../../core/reservations.ts';
import type { ReservationExtra } from '../../core/extras.ts';
import type { Meal } from '../../core/meals.ts';
import { formatDate, formatTimestamp } from './params.ts';

function split(s: VatSplit) {
  return { amount: fromCents(s.amount), vat: fromCents(s.vat), total: fromCents(s.total), discount: 0 };
}

function renderTaxes(taxCents: number | null, currency: string) {
  if (taxCents === null) return {};
  const tax = fromCents(taxCents);
  return {
    rsrv_tax: { currency, amount: 0, vat: 0, vat_rate: 0, total: 0, discount: 0 },
    currency,
    room_tax: { amount: tax, total: tax, vat: 0, vat_rate: 0 },
    total: tax,
  };
}

function renderRoom(room: ReservationRoomView, currency: string) {
  return {
    id_zak_room: room.room_id,
    id_zak_reservation_room: room.id,
    door_code: room.door_code === null ? null : { door_code: room.door_code },
    id_zak_room_type: room.room_type_id,
    dfrom: formatDate(room.dfrom),
    dto: formatDate(room.dto),
    occupancy: { adults: room.adults, teens: room.teens, children: room.children, babies: room.babies },
    price: {
      ...split({ total: room.price_cents, vat: room.vat_cents, amount: room.price_cents - room.vat_cents }),
      currency,
    },
    ...(room.product_id === null ? {} : { product_id: room.product_id, rate_id: room.rate_id }),
    customers: room.customers.map((c) => ({
      checkin: formatTimestamp(c.checkin),
      checkout: formatTimestamp(c.checkout),
      id: c.customer_id,
      room_customer_id: c.id,
    })),
  };
}

/** A reservation in the shape the vendor's real server sends (see docs/zak-reservations.md). */
export function renderReservation({ reservation: r, rooms, price }: ReservationView) {
  return {
    id: r.id,
    id_human: r.code,
    booker: r.booker,
    status: r.status,
    expiration_date: formatDate(r.expiration_date) ?? '',
    origin: { channel: r.channel },
    last_status_date: formatTimestamp(r.last_status_at) ?? '',
    board: r.board,
    created: formatDate(r.created_on),
    cpolicy: r.cpolicy,
    agency: null,
    corporate: null,
    price: {
      rooms: { ...split(price.rooms), currency: r.currency },
      extras: split(price.extras),
      meals: split(price.meals),
      total: fromCents(price.total),
    },
    payment: { amount: 0, currency: r.currency },
    taxes: renderTaxes(r.tax_cents, r.currency),
    rooms: rooms.map((room) => renderRoom(room, r.currency)),
  };
}

function linePrice(line: { total_cents: number; vat_cents: number; vat_bp: number }, currency: string) {
  return {
    amount: fromCents(line.total_cents - line.vat_cents),
    currency,
    discount: 0,
    total: fromCents(line.total_cents),
    vat: fromCents(line.vat_cents),
    vat_rate: fromBasisPoints(line.vat_bp),
  };
}

export function renderMeal(m: Meal, currency: string) {
  return {
    id: m.id,
    dates: { created: formatDate(m.created_on), day: formatDate(m.day) },
    meal_info: { mnumber: m.mnumber, mtype: m.mtype, times: m.times },
    price: linePrice(m, currency),
  };
}

export function renderExtra(e: ReservationExtra, currency: string) {
  return {
    rexid: e.id,
    dates: { created: formatDate(e.created_on), daily: e.daily === 1, day: formatDate(e.day) },
    extra_info: { number: e.number, name: e.name, exid: e.extra_id },
    price: linePrice(e, currency),
  };
}
