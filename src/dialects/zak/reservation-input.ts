import { invalid, missing } from '../../core/errors.ts';
import type { ExtraInput } from '../../core/extras.ts';
import type { MealInput } from '../../core/meals.ts';
import { toBasisPoints, toCents } from '../../core/money.ts';
import type { Occupancy } from '../../core/pricing.ts';
import type { NewReservation, RoomRequest } from '../../core/booking.ts';
import type { ReservationRef } from '../../core/reservations.ts';
import type { ReservationFilter } from '../../core/reservations.ts';
import { customerInput } from './customer-input.ts';
import { json, jsonObject, optionalId, parseDate, parseId, requiredId, text, type Params } from './params.ts';

type Obj = Record<string, unknown>;

/** An id inside a JSON structure: a positive integer, as a number or as digits. */
function jsonId(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return parseId(Number.isInteger(value) ? String(value) : 'x', field);
  if (typeof value === 'string') return parseId(value, field);
  throw invalid(`invalid parameter: ${field}`, field);
}

function wholeNumber(value: unknown, field: string): number {
  const n = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  if (!Number.isInteger(n)) throw invalid(`invalid value: ${field}`, field);
  return n as number;
}

function objectList(value: unknown, field: string): Obj[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(`invalid parameter: ${field} must be a list`, field);
  return value.map((item) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw invalid(`invalid parameter: ${field} must be a list of objects`, field);
    }
    return item as Obj;
  });
}

function occupancy(line: Obj, field: string): Partial<Occupancy> {
  const source = (
    typeof line.occupancy === 'object' && line.occupancy !== null ? line.occupancy : line
  ) as Obj;
  const out: Partial<Occupancy> = {};
  for (const key of ['adults', 'teens', 'children', 'babies'] as const) {
    if (source[key] !== undefined) out[key] = wholeNumber(source[key], `${field}.${key}`);
  }
  return out;
}

function roomRequest(line: Obj, field: string): RoomRequest {
  const currency = line.currency;
  if (currency !== undefined && typeof currency !== 'string')
    throw invalid(`invalid value: ${field}.currency`, 'currency');
  return {
    roomId: jsonId(line.room, `${field}.room`),
    roomTypeId: jsonId(line.room_type, `${field}.room_type`),
    productId: jsonId(line.product, `${field}.product`),
    priceCents:
      line.price === undefined || line.price === null ? undefined : toCents(line.price, `${field}.price`),
    currency,
    occupancy: occupancy(line, field),
  };
}

/** `new`'s `params`: rooms and products both become room requests (a product books a room of its type). */
export function newReservationInput(params: Params): NewReservation {
  const p = jsonObject(params, 'params');
  const customer = p.customer;
  if (customer === undefined || customer === null) throw missing('missing parameter: customer', 'customer');
  if (typeof customer !== 'object' || Array.isArray(customer))
    throw invalid('invalid parameter: customer must be an object', 'customer');
  const rooms = objectList(p.rooms, 'rooms').map((line, i) => roomRequest(line, `rooms[${i}]`));
  const products = objectList(p.products, 'products').map((line, i) => {
    const request = roomRequest(line, `products[${i}]`);
    if (request.productId === undefined)
      throw missing(`missing parameter: products[${i}].product`, 'products');
    return request;
  });
  if (p.board !== undefined && typeof p.board !== 'string')
    throw invalid('invalid parameter: board', 'board');
  return {
    arrival: parseDate(p.arrival, 'arrival'),
    departure: parseDate(p.departure ?? p.depature, 'departure'),
    customer: customerInput(customer as Obj),
    rooms: [...rooms, ...products],
    board: p.board,
  };
}

/** The reservation named by `id` / `rsrvid` / `reservation_id` and/or `rcode` / `hcode` / `human_code`. */
export function reservationRef(params: Params): ReservationRef {
  const id = optionalId(params, 'id', 'rsrvid', 'reservation_id');
  const code = text(params, 'rcode', 'hcode', 'human_code')?.trim() || undefined;
  if (id === undefined && code === undefined) throw missing('missing parameter: id', 'id');
  return { id, code };
}

export const reservationId = (params: Params) => requiredId(params, 'rsrvid', 'id', 'reservation_id');

function range(value: unknown, field: string) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalid(`invalid parameter: filters.${field}`, field);
  const { from, to } = value as Obj;
  return {
    from: from === undefined || from === '' ? '0001-01-01' : parseDate(from, `${field}.from`),
    to: to === undefined || to === '' ? '9999-12-31' : parseDate(to, `${field}.to`),
  };
}

/** `fetch_reservations`' `filters`; a limit the vendor does not offer is passed on for the core to replace. */
export function reservationFilters(params: Params) {
  const raw = json(params, 'filters') ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid('invalid parameter: filters must be a JSON object', 'filters');
  }
  const f = raw as Obj;
  const filter: ReservationFilter = {
    created: range(f.created, 'created'),
    arrival: range(f.arrival, 'arrival'),
    departure: range(f.departure, 'departure'),
  };
  const pager = (typeof f.pager === 'object' && f.pager !== null ? f.pager : {}) as Obj;
  const limit =
    typeof pager.limit === 'number' || typeof pager.limit === 'string' ? Number(pager.limit) : undefined;
  const offset =
    pager.offset === undefined || pager.offset === null ? 0 : wholeNumber(pager.offset, 'pager.offset');
  return { filter, pager: { limit, offset } };
}

/** `room_customer_ids` as a JSON list or a comma list; absent or empty means every room customer. */
export function roomCustomerIds(params: Params): number[] | undefined {
  const raw = text(params, 'room_customer_ids');
  if (raw === undefined || raw.trim() === '') return undefined;
  let items: unknown[];
  try {
    const parsed: unknown = JSON.parse(raw);
    items = Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    items = raw.split(',');
  }
  return items.map((item) => {
    const id = jsonId(typeof item === 'string' ? item.trim() : item, 'room_customer_ids');
    if (id === undefined) throw invalid('invalid parameter: room_customer_ids', 'room_customer_ids');
    return id;
  });
}

export function mealInput(params: Params): MealInput {
  const m = jsonObject(params, 'meal');
  if (typeof m.mtype !== 'string') throw missing('missing parameter: mtype', 'mtype');
  for (const field of ['price', 'mnumber', 'times', 'day']) {
    if (m[field] === undefined || m[field] === null) throw missing(`missing parameter: ${field}`, field);
  }
  return {
    priceCents: toCents(m.price, 'price'),
    mtype: m.mtype,
    mnumber: wholeNumber(m.mnumber, 'mnumber'),
    times: wholeNumber(m.times, 'times'),
    day: parseDate(m.day, 'day'),
    vatBp:
      m.vat_rate === undefined || m.vat_rate === null ? undefined : toBasisPoints(m.vat_rate, 'vat_rate'),
  };
}

function flag(value: unknown, field: string): boolean {
  if (value === undefined || value === null || value === '' || value === false || value === 'false')
    return false;
  if (value === true || value === 'true') return true;
  throw invalid(`invalid value: ${field} ("true" or "false")`, field);
}

export function extraInput(params: Params): ExtraInput {
  const e = jsonObject(params, 'extra');
  if (e.name !== undefined && e.name !== null && typeof e.name !== 'string')
    throw invalid('invalid value: name', 'name');
  if (e.currency !== undefined && typeof e.currency !== 'string')
    throw invalid('invalid value: currency', 'currency');
  if (e.number === undefined || e.number === null) throw missing('missing parameter: number', 'number');
  const daily = flag(e.daily, 'daily');
  return {
    extraId: jsonId(e.exid, 'exid'),
    name: (e.name as string | null | undefined) ?? undefined,
    number: wholeNumber(e.number, 'number'),
    daily,
    day: daily || e.day === undefined || e.day === null || e.day === '' ? undefined : parseDate(e.day, 'day'),
    priceCents: e.price === undefined || e.price === null ? undefined : toCents(e.price, 'price'),
    vatBp:
      e.vat_rate === undefined || e.vat_rate === null ? undefined : toBasisPoints(e.vat_rate, 'vat_rate'),
    currency: e.currency,
  };
}

export function doorCodesInput(params: Params) {
  const raw = json(params, 'codes');
  if (raw === undefined) throw missing('missing parameter: codes', 'codes');
  const list = Array.isArray(raw) ? raw : [raw];
  return objectList(list, 'codes').map((c) => {
    const id = jsonId(c.id, 'codes.id');
    if (id === undefined) throw missing('missing parameter: codes.id', 'codes');
    const code = c.door_code === undefined ? c.code : c.door_code;
    if (code === undefined) throw missing('missing parameter: codes.door_code', 'codes');
    if (code !== null && typeof code !== 'string' && typeof code !== 'number') {
      throw invalid('invalid value: codes.door_code', 'codes');
    }
    return { reservationRoomId: id, code: code === null ? null : String(code) };
  });
}
