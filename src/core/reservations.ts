import { inTransaction } from '../store/transaction.ts';
import type { Db } from '../store/db.ts';
import * as pages from '../store/reservation-pages.ts';
import * as store from '../store/reservations.ts';
import { MAX_NIGHTS } from './availability.ts';
import { addDays } from './dates.ts';
import { conflict, invalid, missing, notFound } from './errors.ts';
import { emit } from './events.ts';
import { reservationPrice } from './pricing.ts';
import { getTenant, type Scope } from './tenants.ts';
import { MAX_INT32 } from './int32.ts';
import { nowIsoOf, todayOf } from './clock.ts';

/** Reading reservations (one, a page, today's) and cancelling; booking is in booking.ts. */
/** A reservation is named by its id, its code, or both (then they must agree). */
export interface ReservationRef {
  id?: number;
  code?: string;
}

export async function requireReservation(
  db: Db,
  scope: Scope,
  ref: ReservationRef,
): Promise<store.ReservationRow> {
  if (ref.id === undefined && ref.code === undefined) throw missing('missing parameter: id', 'id');
  const row = await store.findReservation(db, scope.tenantId, ref);
  if (!row) throw notFound('reservation not found');
  return row;
}

/** Inside a write transaction: the reservation, locked against concurrent writers until the transaction ends. */
export async function lockReservation(
  trx: Db,
  scope: Scope,
  ref: ReservationRef,
): Promise<store.ReservationRow> {
  if (ref.id === undefined && ref.code === undefined) throw missing('missing parameter: id', 'id');
  const row = await store.lockReservation(trx, scope.tenantId, ref);
  if (!row) throw notFound('reservation not found');
  return row;
}

export type ReservationRoomView = pages.ListedRoom;
export type ReservationFilter = pages.ReservationFilter;
export interface ReservationView {
  reservation: pages.ListedReservation;
  rooms: ReservationRoomView[];
  price: ReturnType<typeof reservationPrice>;
}

function view(reservation: pages.ListedReservation, rooms: ReservationRoomView[]): ReservationView {
  return {
    reservation,
    rooms,
    price: reservationPrice(
      rooms.map((room) => room.price_cents),
      reservation,
    ),
  };
}

/** Reservations by id (the tenant's, already found) with their rooms and room customers, in one query. */
async function views(db: Db, tenantId: number, ids: number[]): Promise<ReservationView[]> {
  const items = await pages.reservationsWithRooms(db, tenantId, ids);
  return items.map((item) => view(item.reservation, item.rooms));
}

export async function getReservation(db: Db, scope: Scope, ref: ReservationRef): Promise<ReservationView> {
  const row = await requireReservation(db, scope, ref);
  const [found] = await views(db, scope.tenantId, [row.id]);
  return found!;
}

export const PAGE_SIZES: ReadonlySet<number> = new Set([8, 16, 32, 64]);
export const DEFAULT_PAGE_SIZE = 8;

function requireOrderedRanges(filter: pages.ReservationFilter): void {
  for (const [key, range] of Object.entries(filter)) {
    if (typeof range === 'object' && range.from > range.to)
      throw invalid(`invalid parameter: ${key}.from is after ${key}.to`, key);
  }
}

/** A page of `limit` reservations from `offset` (any size: the admin API's pages are not the vendor's). */
export async function reservationsAt(
  db: Db,
  scope: Scope,
  filter: pages.ReservationFilter,
  offset: number,
  limit: number,
): Promise<ReservationView[]> {
  requireOrderedRanges(filter);
  if (offset > MAX_INT32) return [];
  const page = await pages.listReservations(db, scope.tenantId, filter, limit, offset);
  return page.map((item) => view(item.reservation, item.rooms));
}

/** A page of reservations; a limit outside 8/16/32/64 gives pages of 8, as the vendor's server does. */
export async function listReservations(
  db: Db,
  scope: Scope,
  filter: pages.ReservationFilter,
  pager: { limit?: number; offset?: number },
): Promise<ReservationView[]> {
  requireOrderedRanges(filter);
  const limit = pager.limit !== undefined && PAGE_SIZES.has(pager.limit) ? pager.limit : DEFAULT_PAGE_SIZE;
  const offset = Math.max(0, pager.offset ?? 0);
  // An offset past any possible table is past the end: an empty page, never a value the database refuses.
  if (offset > MAX_INT32) return [];
  const page = await pages.listReservations(db, scope.tenantId, filter, limit, offset);
  return page.map((item) => view(item.reservation, item.rooms));
}

/** Reservations whose stay includes the tenant's today (arriving, staying or leaving), not cancelled. */
export async function todayReservations(db: Db, scope: Scope): Promise<ReservationView[]> {
  const tenant = await getTenant(db, scope.tenantId);
  const today = todayOf(scope, tenant.timezone);
  const ids = await pages.reservationIdsOn(db, scope.tenantId, today, addDays(today, -MAX_NIGHTS));
  return views(db, scope.tenantId, ids);
}

/** Cancels a reservation and frees its nights. No Zak call does this; integrations and tests use the core. */
export async function cancelReservation(db: Db, scope: Scope, ref: ReservationRef): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await lockReservation(trx, scope, ref);
    if (row.status === 'Cancelled') throw conflict('reservation already cancelled');
    await store.updateStatus(trx, scope.tenantId, row.id, 'Cancelled', nowIsoOf(scope));
    await store.deleteRoomNights(trx, scope.tenantId, row.id);
    await emit(trx, scope.tenantId, 'reservation.status_changed', {
      reservation: row.id,
      code: row.code,
      old_status: row.status,
      new_status: 'Cancelled',
    });
  });
}
