import type { Selectable } from 'kysely';
import type { Db } from './db.ts';
import type { RoomCustomerTable } from './schema/reservations.ts';
import { referenceOrGone, uniqueOrViolation } from './unique.ts';
import { preparedInsert } from './prepared.ts';

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

const roomCustomerInsert = preparedInsert('room_customers', 'id');

export async function insertRoomCustomer(
  trx: Db,
  row: { tenant_id: number; reservation_id: number; reservation_room_id: number; customer_id: number },
): Promise<number> {
  const insert = roomCustomerInsert(trx, [{ ...row, checkin: null, checkout: null }]);
  const [inserted] = await referenceOrGone(
    uniqueOrViolation(insert, 'guest_in_room', 'customer already in this room'),
    'customer_not_found',
    'customer not found',
  );
  return inserted!.id;
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
