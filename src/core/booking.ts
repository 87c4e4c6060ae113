import { inTransaction } from '../store/transaction.ts';
import type { Db } from '../store/db.ts';
import * as inventory from '../store/inventory.ts';
import * as store from '../store/reservations.ts';
import { insertRoomCustomer } from '../store/room-customers.ts';
import { assignRoom, stayNights } from './availability.ts';
import { BOARDS } from './boards.ts';
import { insertValidatedCustomer, validateNewCustomer, type CustomerInput } from './customers.ts';
import { invalid, isConflict, missing, notFound } from './errors.ts';
import { emit } from './events.ts';
import { bookingSettings } from './inventory.ts';
import { splitVat } from './money.ts';
import { headCount, touristTax, type Occupancy } from './pricing.ts';
import { rateStay, requireProductRooms, type RatedStay } from './rate-rules.ts';
import type { Scope } from './tenants.ts';
import { nowIsoOf, todayOf } from './clock.ts';

// `new`: a booking's rules (rooms resolved and assigned, prices, tourist tax) and its one transaction.

/** One room of a new reservation: a physical room, a room type, a product, or a consistent mix of them. */
export interface RoomRequest {
  roomId?: number;
  roomTypeId?: number;
  productId?: number;
  /** The stay's total for this room, VAT included. */
  priceCents?: number;
  currency?: string;
  occupancy?: Partial<Occupancy>;
}

export interface NewReservation {
  arrival: string;
  departure: string;
  customer: CustomerInput;
  rooms: RoomRequest[];
  board?: string;
}

interface ResolvedRoom {
  roomId?: number;
  roomTypeId: number;
  productId: number | null;
  rateId: number | null;
  occupancy: Occupancy;
  priceCents: number;
  /** The stay under the product's rate, when the room is booked through a product. */
  rated?: RatedStay;
}

const MAX_GUESTS = 50;

function occupancy(given: Partial<Occupancy> = {}, where: string): Occupancy {
  const o = {
    adults: given.adults ?? 1,
    teens: given.teens ?? 0,
    children: given.children ?? 0,
    babies: given.babies ?? 0,
  };
  for (const [key, value] of Object.entries(o)) {
    if (!Number.isInteger(value) || value < 0 || value > MAX_GUESTS)
      throw invalid(`invalid value: ${where}.${key}`, key);
  }
  if (headCount(o) === 0) throw invalid(`invalid value: ${where} has no guest`, 'occupancy');
  return o;
}

async function resolveRoom(
  db: Db,
  tenantId: number,
  currency: string,
  req: RoomRequest,
  stay: { arrival: string; nights: number },
  i: number,
) {
  const where = `rooms[${i}]`;
  const product =
    req.productId === undefined ? undefined : await inventory.findProduct(db, tenantId, req.productId);
  if (req.productId !== undefined && !product) throw notFound(`product not found: ${req.productId}`);
  const room = req.roomId === undefined ? undefined : await inventory.findRoom(db, tenantId, req.roomId);
  if (req.roomId !== undefined && !room) throw notFound(`room not found: ${req.roomId}`);
  const typeId = req.roomTypeId ?? room?.room_type_id ?? product?.room_type_id;
  if (typeId === undefined)
    throw invalid(`invalid parameter: ${where} needs a room, a room_type or a product`, 'rooms');
  const type = await inventory.findRoomType(db, tenantId, typeId);
  if (!type) throw notFound(`room type not found: ${typeId}`);
  if (room && room.room_type_id !== typeId)
    throw invalid(`invalid parameter: room ${room.id} is not of type ${typeId}`, 'rooms');
  if (product && product.room_type_id !== typeId) {
    throw invalid(`invalid parameter: product ${product.id} is not for room type ${typeId}`, 'products');
  }
  if (req.currency !== undefined && req.currency.toUpperCase() !== currency) {
    throw invalid(`invalid parameter: ${where}.currency must be ${currency}`, 'currency');
  }
  const occ = occupancy(req.occupancy, `${where}.occupancy`);
  if (headCount(occ) > type.capacity)
    throw invalid(`invalid parameter: ${where} exceeds the room type's ${type.capacity} guests`, 'occupancy');
  // A product's rate prices the stay night by night and may refuse it; a price given by the client wins.
  const rated = product && (await rateStay(db, tenantId, product, stay.arrival, stay.nights));
  return {
    roomId: room?.id,
    roomTypeId: typeId,
    productId: product?.id ?? null,
    rateId: product?.rate_id ?? null,
    occupancy: occ,
    priceCents: req.priceCents ?? rated?.priceCents ?? type.price_cents * stay.nights,
    rated,
  } satisfies ResolvedRoom;
}

export interface CreatedReservation {
  id: number;
  code: string;
}

/**
 * Books a reservation: the booker becomes a new customer, placed in the first room. Either everything is
 * written or nothing: a night already booked makes the database refuse the room_nights row (409).
 */
export async function createReservation(
  db: Db,
  scope: Scope,
  input: NewReservation,
): Promise<CreatedReservation> {
  const nights = stayNights(input.arrival, input.departure);
  const customer = validateNewCustomer(input.customer, scope.country);
  const board = input.board ?? 'nb';
  if (!BOARDS.has(board)) throw invalid('invalid parameter: board (nb, bb, hb, fb or ai)', 'board');
  if (input.rooms.length === 0) throw missing('missing parameter: rooms or products', 'rooms');
  if (input.rooms.length > 100) throw invalid('invalid parameter: at most 100 rooms', 'rooms');
  const { tenant, settings } = await bookingSettings(db, scope.tenantId);
  const rooms: ResolvedRoom[] = [];
  const nightsFrom = { arrival: input.arrival, nights: nights.length };
  for (const [i, req] of input.rooms.entries()) {
    rooms.push(await resolveRoom(db, scope.tenantId, tenant.currency, req, nightsFrom, i));
  }
  const stay = { arrival: input.arrival, departure: input.departure, nights };
  const hasTax = settings.tourist_tax_cents !== null;
  const taxCents = hasTax
    ? touristTax(
        settings,
        rooms.map((r) => r.occupancy),
        nights.length,
      )
    : null;
  const booking = { tenant, stay, rooms, customer, board, vatBp: settings.vat_rooms_bp, taxCents };
  // A room picked by type may be taken by a concurrent request between the pick and the insert: pick again. Not
  // inside a caller's transaction, which a refused statement has aborted on PostgreSQL: the caller runs again.
  const retries = rooms.some((r) => r.roomId === undefined) && !db.isTransaction ? 5 : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(db, (trx) => book(trx, scope, booking));
    } catch (error) {
      if (!isConflict(error) || attempt >= retries) throw error;
    }
  }
}

interface Booking {
  tenant: { prefix: string; timezone: string; currency: string };
  stay: { arrival: string; departure: string; nights: string[] };
  rooms: ResolvedRoom[];
  customer: ReturnType<typeof validateNewCustomer>;
  board: string;
  vatBp: number;
  taxCents: number | null;
}

/** Physical rooms for the lines: the requested ones, or the first free of the type not taken by another line. */
async function pickRooms(trx: Db, tenantId: number, b: Booking): Promise<number[]> {
  const taken = new Set(b.rooms.flatMap((r) => (r.roomId === undefined ? [] : [r.roomId])));
  const roomIds: number[] = [];
  for (const r of b.rooms) {
    const id =
      r.roomId ?? (await assignRoom(trx, tenantId, r.roomTypeId, b.stay.arrival, b.stay.departure, taken));
    taken.add(id);
    roomIds.push(id);
  }
  return roomIds;
}

function reservationRow(scope: Scope, b: Booking, code: string, booker: number) {
  return {
    tenant_id: scope.tenantId,
    code,
    booker,
    status: 'Confirmed',
    expiration_date: null,
    board: b.board,
    channel: '--',
    cpolicy: 'Default Policy',
    created_on: todayOf(scope, b.tenant.timezone),
    created_at: nowIsoOf(scope),
    last_status_at: null,
    arrival: b.stay.arrival,
    departure: b.stay.departure,
    currency: b.tenant.currency,
    vat_rooms_bp: b.vatBp,
    tax_cents: b.taxCents,
    extras_cents: 0,
    extras_vat_cents: 0,
    meals_cents: 0,
    meals_vat_cents: 0,
  };
}

async function insertRooms(trx: Db, tenantId: number, reservationId: number, b: Booking, roomIds: number[]) {
  const ids: number[] = [];
  for (const [i, r] of b.rooms.entries()) {
    const row = {
      tenant_id: tenantId,
      reservation_id: reservationId,
      room_id: roomIds[i]!,
      room_type_id: r.roomTypeId,
      dfrom: b.stay.arrival,
      dto: b.stay.departure,
      ...r.occupancy,
      product_id: r.productId,
      rate_id: r.rateId,
      price_cents: r.priceCents,
      vat_cents: splitVat(r.priceCents, b.vatBp).vat,
      door_code: null,
    };
    ids.push(await store.insertReservationRoom(trx, row));
  }
  return ids;
}

/** Inside the transaction: the rooms the booking takes of each product stay within its nights' availability. */
async function requireProductsAvailable(trx: Db, tenantId: number, b: Booking): Promise<void> {
  const byProduct = new Map<number, { rated: RatedStay; rooms: number }>();
  for (const r of b.rooms) {
    if (r.productId === null || !r.rated) continue;
    const seen = byProduct.get(r.productId);
    if (seen) seen.rooms += 1;
    else byProduct.set(r.productId, { rated: r.rated, rooms: 1 });
  }
  for (const [productId, { rated, rooms }] of byProduct) {
    await requireProductRooms(trx, tenantId, productId, rooms, rated, !store.writersTakeTurns(trx));
  }
}

/**
 * Inside the transaction: product availability, rooms picked, number, booker, reservation, rooms, nights (the
 * overbooking guard), guest.
 */
async function book(trx: Db, scope: Scope, b: Booking): Promise<CreatedReservation> {
  const { tenantId } = scope;
  await requireProductsAvailable(trx, tenantId, b);
  const roomIds = await pickRooms(trx, tenantId, b);
  // PostgreSQL's sequence holds no lock; SQLite's counter row is held until commit, where writers take turns.
  const number = await store.nextSequence(trx, tenantId);
  const code = `${b.tenant.prefix}-${String(number).padStart(4, '0')}`;
  const booker = await insertValidatedCustomer(trx, scope, b.customer);
  const reservationId = await store.insertReservation(trx, reservationRow(scope, b, code, booker));
  const roomRowIds = await insertRooms(trx, tenantId, reservationId, b, roomIds);
  const nights = roomIds.flatMap((roomId) =>
    b.stay.nights.map((night) => ({
      tenant_id: tenantId,
      room_id: roomId,
      night,
      reservation_id: reservationId,
    })),
  );
  await store.insertRoomNights(trx, nights);
  await insertRoomCustomer(trx, {
    tenant_id: tenantId,
    reservation_id: reservationId,
    reservation_room_id: roomRowIds[0]!,
    customer_id: booker,
  });
  await emit(trx, tenantId, 'reservation.created', {
    reservation: reservationId,
    code,
    status: 'Confirmed',
    booker,
    arrival: b.stay.arrival,
    departure: b.stay.departure,
    rooms: roomIds,
  });
  return { id: reservationId, code };
}
