import { sql, type Insertable, type Selectable } from 'kysely';
import { kindOf, type Db } from './db.ts';
import type { ReservationRoomTable, ReservationTable, RoomNightTable } from './schema/reservations.ts';
import { uniqueOrViolation } from './unique.ts';
import { chunks } from './chunks.ts';
import { preparedInsert, preparedWrite } from './prepared.ts';

export type ReservationRow = Selectable<ReservationTable>;
export type ReservationRoomRow = Selectable<ReservationRoomTable>;

/**
 * Whether this store runs one write transaction at a time (SQLite: one writing connection), so that a row held
 * until commit makes no other writer wait that was not waiting already.
 */
export const writersTakeTurns = (db: Db): boolean => kindOf(db) === 'sqlite';

/** PostgreSQL: the sequence of a tenant's reservation numbers, made with the tenant (see tenants.ts). */
export const numberSequence = (tenantId: number) => `reservation_number_${tenantId}`;

/**
 * Prepared once: Kysely's builder costs more than the statement itself, on every booking. SQLite: the counter's
 * upsert, whose row is held until commit, which costs nothing where writers take turns. PostgreSQL: the tenant's
 * sequence, which holds nothing, so bookings of one tenant never wait for each other's commit; a refused booking
 * leaves a gap, as sequences do.
 */
const counterUpsert = preparedWrite('next_reservation_number', 1, (db, tenantId: number) =>
  kindOf(db) === 'postgres'
    ? db.selectNoFrom(sql<number>`nextval(('reservation_number_' || ${tenantId}::text)::regclass)`.as('last'))
    : db
        .insertInto('reservation_counters')
        .values({ tenant_id: tenantId, last: sql.lit(1) })
        .onConflict((oc) =>
          oc.column('tenant_id').doUpdateSet({ last: sql<number>`reservation_counters.last + 1` }),
        )
        .returning('last'),
);

/** The tenant's last reservation number handed out (0: none yet), as a snapshot keeps it. */
export async function lastReservationNumber(db: Db, tenantId: number): Promise<number> {
  if (kindOf(db) === 'postgres') {
    const { rows } = await sql<{ last: string }>`
      select case when is_called then last_value else last_value - 1 end as last
      from ${sql.id(numberSequence(tenantId))}`.execute(db);
    return Number(rows[0]?.last ?? 0);
  }
  const row = await db
    .selectFrom('reservation_counters')
    .select('last')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row?.last ?? 0;
}

/** The tenant's next reservation number, taken inside the booking's transaction. */
export async function nextSequence(trx: Db, tenantId: number): Promise<number> {
  const [row] = await counterUpsert(trx, tenantId);
  return Number(row!.last);
}

const reservationInsert = preparedInsert('reservations', 'id');
const reservationRoomInsert = preparedInsert('reservation_rooms', 'id');
const roomNightsInsert = preparedInsert('room_nights', null);

export async function insertReservation(trx: Db, row: Insertable<ReservationTable>): Promise<number> {
  const [inserted] = await reservationInsert(trx, [row]);
  return inserted!.id;
}

export async function insertReservationRoom(trx: Db, row: Insertable<ReservationRoomTable>): Promise<number> {
  const [inserted] = await reservationRoomInsert(trx, [row]);
  return inserted!.id;
}

const ROOM_NIGHTS_PER_INSERT = 2000;

/**
 * Books the nights; a night already booked (by this or any concurrent transaction, in any process) violates
 * the room_nights key and becomes a `conflict`.
 */
export async function insertRoomNights(trx: Db, rows: RoomNightTable[]): Promise<void> {
  // Chunks keep every statement under SQLite's 32,766 bound values (a year for 100 rooms is 36,600 rows).
  for (const part of chunks(rows, ROOM_NIGHTS_PER_INSERT)) {
    await uniqueOrViolation(roomNightsInsert(trx, part), 'room_taken', 'room not available for these dates');
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

/**
 * Takes the reservation's row lock until the transaction ends (a no-op update, the same on both databases), so
 * that concurrent writers of its lines, totals and guests run one after another and each sees the other's work.
 * Returns the locked row, or undefined when the tenant has no such reservation.
 */
export async function lockReservation(
  trx: Db,
  tenantId: number,
  ref: { id?: number; code?: string },
): Promise<ReservationRow | undefined> {
  let query = trx
    .updateTable('reservations')
    .set((eb) => ({ id: eb.ref('id') }))
    .where('tenant_id', '=', tenantId);
  if (ref.id !== undefined) query = query.where('id', '=', ref.id);
  if (ref.code !== undefined) query = query.where('code', '=', ref.code);
  return query.returningAll().executeTakeFirst();
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
