import type { Insertable, Selectable } from 'kysely';
import type { Db } from './db.ts';
import type { ReservationPaymentTable } from './schema/notes-payments.ts';

export type Payment = Selectable<ReservationPaymentTable>;

export interface PaymentFilter {
  reservationId?: number;
  /** ISO days, inclusive. */
  from?: string;
  to?: string;
  payType?: string;
}

/** The tenant's payments that match, oldest first, at most `limit`. */
export async function listPayments(
  db: Db,
  tenantId: number,
  filter: PaymentFilter,
  limit: number,
): Promise<Payment[]> {
  let query = db.selectFrom('reservation_payments').selectAll().where('tenant_id', '=', tenantId);
  if (filter.reservationId !== undefined) query = query.where('reservation_id', '=', filter.reservationId);
  if (filter.from !== undefined) query = query.where('day', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('day', '<=', filter.to);
  if (filter.payType !== undefined) query = query.where('pay_type', '=', filter.payType);
  return query.orderBy('id').limit(limit).execute();
}

/** Inside the caller's transaction: records the payment and moves the reservation's paid amount by it. */
export async function insertPayment(trx: Db, row: Insertable<ReservationPaymentTable>): Promise<number> {
  const { id } = await trx
    .insertInto('reservation_payments')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('reservations')
    .set((eb) => ({ paid_cents: eb('paid_cents', '+', row.amount_cents) }))
    .where('tenant_id', '=', row.tenant_id)
    .where('id', '=', row.reservation_id)
    .execute();
  return id;
}
