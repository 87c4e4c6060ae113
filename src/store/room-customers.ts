import type { Selectable } from 'kysely';
import { conflict } from '../core/errors.ts';
import type { Db } from './db.ts';
import type { RoomCustomerTable } from './schema/reservations.ts';
import { isUniqueViolation } from './unique.ts';

export type RoomCustomerRow = Selectable<RoomCustomerTable>;

/** The room customers of several reservations in one query. */
export async function customersOf(
  db: Db,
  tenantId: number,
  reservationIds: number[],
): Promise<RoomCustomerRow[]> {
  if (reservationIds.length === 0) return [];
  return db
    .selectFrom('room_customers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('reservation_id', 'in', reservationIds)
    .orderBy('id')
    .execute();
}

export async function insertRoomCustomer(
  trx: Db,
  row: { tenant_id: number; reservation_id: number; reservation_room_id: number; customer_id: number },
): Promise<number> {
  try {
    const inserted = await trx
      .insertInto('room_customers')
      .values({ ...row, checkin: null, checkout: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return inserted.id;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('customer already in this room');
    throw error;
  }
}

export async function countRoomCustomers(
  trx: Db,
  tenantId: number,
  reservationRoomId: number,
): Promise<number> {
  const row = await trx
    .selectFrom('room_customers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('reservation_room_id', '=', reservationRoomId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setStay(
  trx: Db,
  tenantId: number,
  ids: number[],
  change: { checkin?: string | null; checkout?: string | null },
): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('room_customers')
    .set(change)
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
}
