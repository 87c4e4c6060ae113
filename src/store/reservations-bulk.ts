import { sql, type Insertable } from 'kysely';
import { kindOf, type Db } from './db.ts';
import type { ReservationRoomTable, ReservationTable } from './schema/reservations.ts';
import { chunks } from './chunks.ts';
import { numberSequence } from './reservations.ts';

/** One reservation of a single room, for bulk loads (benchmarks, migrations from another system). */
export interface BulkReservation {
  reservation: Insertable<ReservationTable>;
  room: Omit<Insertable<ReservationRoomTable>, 'reservation_id'>;
  nights: string[];
}

/**
 * Inserts many single-room reservations with their nights and booker in few statements, in one transaction.
 * The nights go through the same room_nights key as `new`, so a bulk load cannot overbook either.
 */
export async function insertReservationsBulk(db: Db, items: BulkReservation[], chunk = 500): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const part of chunks(items, chunk)) {
      const ids = await trx
        .insertInto('reservations')
        .values(part.map((p) => p.reservation))
        .returning(['id', 'code'])
        .execute();
      const idByCode = new Map(ids.map((r) => [r.code, r.id]));
      const withId = part.map((p) => ({ ...p, id: idByCode.get(p.reservation.code) as number }));
      const rooms = await trx
        .insertInto('reservation_rooms')
        .values(withId.map((p) => ({ ...p.room, reservation_id: p.id })))
        .returning(['id', 'reservation_id'])
        .execute();
      await trx
        .insertInto('room_nights')
        .values(
          withId.flatMap((p) =>
            p.nights.map((night) => ({
              tenant_id: p.room.tenant_id,
              room_id: p.room.room_id,
              night,
              reservation_id: p.id,
            })),
          ),
        )
        .execute();
      const bookerOf = new Map(withId.map((p) => [p.id, p.reservation.booker]));
      await trx
        .insertInto('room_customers')
        .values(
          rooms.map((r) => ({
            tenant_id: part[0]!.room.tenant_id,
            reservation_id: r.reservation_id,
            reservation_room_id: r.id,
            customer_id: bookerOf.get(r.reservation_id) as number,
            checkin: null,
            checkout: null,
          })),
        )
        .execute();
    }
  });
  // Fresh statistics, as autovacuum would gather later: without them PostgreSQL plans the first queries blind.
  if (kindOf(db) === 'postgres')
    await sql`ANALYZE reservations, reservation_rooms, room_nights, room_customers`.execute(db);
}

/** Sets the tenant's last reservation number (0: the next is 1), past bulk-loaded codes or back for a restore. */
export async function setSequence(db: Db, tenantId: number, last: number): Promise<void> {
  if (kindOf(db) === 'postgres') {
    await sql`select setval(${numberSequence(tenantId)}::regclass, ${Math.max(last, 1)}, ${last > 0})`.execute(
      db,
    );
    return;
  }
  await db
    .insertInto('reservation_counters')
    .values({ tenant_id: tenantId, last })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ last }))
    .execute();
}

/** Ids of some customers of the tenant, to be bookers of bulk-loaded reservations. */
export async function someCustomerIds(db: Db, tenantId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('customers')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
