import type { VatSplit } from '../../core/money.ts';
import { fromBasisPoints, fromCents } from '../../core/money.ts';
import type { ReservationRoomView, ReservationView } from '../../core/reservations.ts';
import type { ReservationExtra } from '../../core/extras.ts';
import type { Meal } from '../../core/meals.ts';
import { formatDate, formatTimestamp } from './params.ts';

function split(s: VatSplit) {
  return { amount: fromCents(s.amount), vat: fromCents(s.vat), total: fromCents(s.total), discount: 0 };
}

/** `price.extras` names its currency when the reservation has extras, as the real server's replies do. */
function extrasSplit(s: VatSplit, currency: string) {
  const out = split(s);
  return s.total === 0 ? out : { ...out, currency };
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

function priceIn(total: number, vat: number, currency: string) {
  return {
    amount: fromCents(total - vat),
    vat: fromCents(vat),
    total: fromCents(total),
    discount: 0,
    currency,
  };
}

function renderGuest(c: ReservationRoomView['customers'][number]) {
  return {
    checkin: formatTimestamp(c.checkin),
    checkout: formatTimestamp(c.checkout),
    id: c.customer_id,
    room_customer_id: c.id,
  };
}

// Whole object literals, not spreads of partial ones: a page renders 64 reservations, and rendering them with
// spreads cost four to six times as much.
function renderRoom(room: ReservationRoomView, currency: string) {
  const door_code = room.door_code === null ? null : { door_code: room.door_code };
  const dfrom = formatDate(room.dfrom);
  const dto = formatDate(room.dto);
  const occupancy = { adults: room.adults, teens: room.teens, children: room.children, babies: room.babies };
  const price = priceIn(room.price_cents, room.vat_cents, currency);
  const customers = room.customers.map(renderGuest);
  if (room.product_id === null) {
    return {
      id_zak_room: room.room_id,
      id_zak_reservation_room: room.id,
      door_code,
      id_zak_room_type: room.room_type_id,
      dfrom,
      dto,
      occupancy,
      price,
      customers,
    };
  }
  return {
    id_zak_room: room.room_id,
    id_zak_reservation_room: room.id,
    door_code,
    id_zak_room_type: room.room_type_id,
    dfrom,
    dto,
    occupancy,
    price,
    product_id: room.product_id,
    rate_id: room.rate_id,
    customers,
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
      rooms: priceIn(price.rooms.total, price.rooms.vat, r.currency),
      extras: extrasSplit(price.extras, r.currency),
      meals: split(price.meals),
      total: fromCents(price.total),
    },
    payment: { amount: fromCents(r.paid_cents), currency: r.currency },
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
