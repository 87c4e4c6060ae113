import type { Db } from './db.ts';

// What a person's data touches beyond the customer row: for an export (everything about them) and an erasure
// (their rows re-pointed to an anonymous one, their own removed).

/** Reservations the customer booked or stays in, by id. */
export async function reservationIdsOfCustomer(
  db: Db,
  tenantId: number,
  customerId: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('reservations')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('booker', '=', customerId)
    .union(
      db
        .selectFrom('room_customers')
        .select('reservation_id as id')
        .where('tenant_id', '=', tenantId)
        .where('customer_id', '=', customerId),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Inside the erasure's transaction: every row that names `from` as booker, guest or card holder names `to`. */
export async function repointCustomer(trx: Db, tenantId: number, from: number, to: number): Promise<void> {
  await trx
    .updateTable('reservations')
    .set({ booker: to })
    .where('tenant_id', '=', tenantId)
    .where('booker', '=', from)
    .execute();
  await trx
    .updateTable('room_customers')
    .set({ customer_id: to })
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', from)
    .execute();
  await trx
    .updateTable('discount_cards')
    .set({ customer_id: to })
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', from)
    .execute();
}

/** Inside the erasure's transaction: the customer's documents and row, gone. */
export async function deleteCustomerAndDocuments(
  trx: Db,
  tenantId: number,
  customerId: number,
): Promise<void> {
  await trx
    .deleteFrom('customer_documents')
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .execute();
  await trx.deleteFrom('customers').where('tenant_id', '=', tenantId).where('id', '=', customerId).execute();
}
