import { sql, type Insertable, type Selectable } from 'kysely';
import { conflict } from '../core/errors.ts';
import type { Db } from './db.ts';
import type { RoomCustomerRow } from './room-customers.ts';
import type { ReservationRoomTable, ReservationTable, RoomNightTable } from './schema/reservations.ts';
import { isUniqueViolation } from './unique.ts';

export type ReservationRow = Selectable<ReservationTable>;
export type ReservationRoomRow = Selectable<ReservationRoomTable>;

/** The tenant's next reservation number (run outside the booking's transaction: the row lock lasts until commit). */
export async function nextSequence(trx: Db, tenantId: number): Promise<number> {
  const row = await trx
    .insertInto('reservation_counters')
    .values({ tenant_id: tenantId, last: 1 })
    .onConflict((oc) =>
      oc.column('tenant_id').doUpdateSet({ last: sql<number>`reservation_counters.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

export async function insertReservation(trx: Db, row: Insertable<ReservationTable>): Promise<number> {
  const inserted = await trx.insertInto('reservations').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function insertReservationRoom(trx: Db, row: Insertable<ReservationRoomTable>): Promise<number> {
  const inserted = await trx
    .insertInto('reservation_rooms')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/**
 * Books the nights; a night already booked (by this or any concurrent transaction, in any process) violates
 * the room_nights key and becomes a `conflict`.
 */
export async function insertRoomNights(trx: Db, rows: RoomNightTable[]): Promise<void> {
  try {
    await trx.insertInto('room_nights').values(rows).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('room not available for these dates');
    throw error;
  }
}

/** Frees the nights of a reservation (on cancellation). */
export async function deleteRoomNights(trx: Db, tenantId: number, reservationId: number): Promise<void> {
  await trx
    .deleteFrom('room_nights')
    .where('tenant_id', '=', tenantId)
    .where('reservation_id', '=', reservationId)
    .execute();
}

/** Rooms of the tenant (of one type, or all) with no booked night in [from, to), by id. */
export async function freeRooms(
  db: Db,
  tenantId: number,
  from: string,
  to: string,
  roomTypeId?: number,
): Promise<Array<{ id: number; room_type_id: number }>> {
  let query = db
    .selectFrom('rooms as r')
    .select(['r.id', 'r.room_type_id'])
    .where('r.tenant_id', '=', tenantId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('room_nights as n')
            .select('n.room_id')
            .where('n.tenant_id', '=', tenantId)
            .whereRef('n.room_id', '=', 'r.id')
            .where('n.night', '>=', from)
            .where('n.night', '<', to),
        ),
      ),
    );
  if (roomTypeId !== undefined) query = query.where('r.room_type_id', '=', roomTypeId);
  return query.orderBy('r.id').execute();
}

export async function findReservation(
  db: Db,
  tenantId: number,
  ref: { id?: number; code?: string },
): Promise<ReservationRow | undefined> {
  let query = db.selectFrom('reservations').selectAll().where('tenant_id', '=', tenantId);
  if (ref.id !== undefined) query = query.where('id', '=', ref.id);
  if (ref.code !== undefined) query = query.where('code', '=', ref.code);
  return query.executeTakeFirst();
}

export interface DateRange {
  from: string;
  to: string;
}
export interface ReservationFilter {
  created?: DateRange;
  arrival?: DateRange;
  departure?: DateRange;
}

/**
 * One page of the tenant's reservations matching every given range (inclusive), by id. The page's ids are
 * picked from the (tenant_id, <filter>, id) index alone and sorted as integers; only then are the 64 rows read.
 */
export async function listReservations(
  db: Db,
  tenantId: number,
  filter: ReservationFilter,
  limit: number,
  offset: number,
): Promise<ReservationRow[]> {
  let page = db.selectFrom('reservations').select('id').where('tenant_id', '=', tenantId);
  const columns = { created: 'created_on', arrival: 'arrival', departure: 'departure' } as const;
  for (const key of ['created', 'arrival', 'departure'] as const) {
    const range = filter[key];
    if (range) page = page.where(columns[key], '>=', range.from).where(columns[key], '<=', range.to);
  }
  // The page's ids are the tenant's already; reading them by primary key alone skips a second index descent.
  return db
    .selectFrom('reservations')
    .selectAll()
    .where('id', 'in', page.orderBy('id').limit(limit).offset(offset))
    .orderBy('id')
    .execute();
}

/**
 * Reservations not cancelled whose stay includes `day` (arriving, staying or leaving). `earliestArrival` bounds
 * the index range: no stay is longer than the core allows, so older arrivals cannot include the day.
 */
export async function reservationsOn(
  db: Db,
  tenantId: number,
  day: string,
  earliestArrival: string,
): Promise<ReservationRow[]> {
  return db
    .selectFrom('reservations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('arrival', '>=', earliestArrival)
    .where('arrival', '<=', day)
    .where('departure', '>=', day)
    .where('status', '!=', 'Cancelled')
    .orderBy('id')
    .execute();
}

/** The rooms of several reservations in one query. */
export async function roomsOf(
  db: Db,
  tenantId: number,
  reservationIds: number[],
): Promise<ReservationRoomRow[]> {
  if (reservationIds.length === 0) return [];
  return db
    .selectFrom('reservation_rooms')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('reservation_id', 'in', reservationIds)
    .orderBy('id')
    .execute();
}

export async function updateStatus(
  trx: Db,
  tenantId: number,
  id: number,
  status: string,
  at: string,
): Promise<void> {
  await trx
    .updateTable('reservations')
    .set({ status, last_status_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function setDoorCode(
  trx: Db,
  tenantId: number,
  reservationId: number,
  roomId: number,
  code: string | null,
): Promise<void> {
  await trx
    .updateTable('reservation_rooms')
    .set({ door_code: code })
    .where('tenant_id', '=', tenantId)
    .where('reservation_id', '=', reservationId)
    .where('id', '=', roomId)
    .execute();
}

export type RoomWithGuests = ReservationRoomRow & { customers: RoomCustomerRow[] };

/** The rooms of several reservations with their room customers, in one query (a page renders in three). */
export async function roomsWithGuestsOf(
  db: Db,
  tenantId: number,
  reservationIds: number[],
): Promise<RoomWithGuests[]> {
  if (reservationIds.length === 0) return [];
  const rows = await db
    .selectFrom('reservation_rooms as rr')
    .leftJoin('room_customers as rc', 'rc.reservation_room_id', 'rr.id')
    .selectAll('rr')
    .select([
      'rc.id as rc_id',
      'rc.customer_id as rc_customer_id',
      'rc.checkin as rc_checkin',
      'rc.checkout as rc_checkout',
    ])
    .where('rr.tenant_id', '=', tenantId)
    .where('rr.reservation_id', 'in', reservationIds)
    .orderBy('rr.id')
    .orderBy('rc.id')
    .execute();
  const rooms: RoomWithGuests[] = [];
  let last: RoomWithGuests | undefined;
  for (const row of rows) {
    if (last?.id !== row.id) {
      last = roomOf(row);
      rooms.push(last);
    }
    if (row.rc_id === null || row.rc_customer_id === null) continue;
    last.customers.push({
      id: row.rc_id,
      tenant_id: row.tenant_id,
      reservation_id: row.reservation_id,
      reservation_room_id: row.id,
      customer_id: row.rc_customer_id,
      checkin: row.rc_checkin,
      checkout: row.rc_checkout,
    });
  }
  return rooms;
}

// Spelled out rather than spread: a page maps many rows, and spreading wide rows costs more than the query.
function roomOf(r: ReservationRoomRow): RoomWithGuests {
  return {
    id: r.id,
    tenant_id: r.tenant_id,
    reservation_id: r.reservation_id,
    room_id: r.room_id,
    room_type_id: r.room_type_id,
    dfrom: r.dfrom,
    dto: r.dto,
    adults: r.adults,
    teens: r.teens,
    children: r.children,
    babies: r.babies,
    product_id: r.product_id,
    rate_id: r.rate_id,
    price_cents: r.price_cents,
    vat_cents: r.vat_cents,
    door_code: r.door_code,
    customers: [],
  };
}
