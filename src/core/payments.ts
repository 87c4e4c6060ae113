import { inTransaction } from '../store/transaction.ts';
import type { Db } from '../store/db.ts';
import * as store from '../store/payments.ts';
import { invalid, missing } from './errors.ts';
import { emit } from './events.ts';
import { lockReservation, requireReservation, type ReservationRef } from './reservations.ts';
import { getTenant } from './tenants.ts';
import type { Scope } from './tenants.ts';
import { nowIsoOf, todayOf } from './clock.ts';

/** The real server answers at most 100 payments per call. */
export const MAX_PAYMENTS = 100;
const MAX_CENTS = 1_000_000_000_00;

export interface PaymentInput {
  value: unknown;
  pay_type?: string;
  currency?: string;
  remarks?: string;
  /** ISO day; today in the tenant's time zone when absent. */
  day?: string;
}

/**
 * A payment's value in cents, exactly as written: a positive decimal with at most two decimals. Unlike prices
 * (rounded half up), a payment is money received, so 1.005 is refused rather than guessed.
 */
export function paymentCents(value: unknown): number {
  const written = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(written);
  if (!match)
    throw invalid('invalid amount: value must be a positive amount with at most 2 decimals', 'value');
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (cents === 0 || cents > MAX_CENTS) throw invalid('invalid amount: value', 'value');
  return cents;
}

export interface PaymentQuery {
  /** One reservation's payments; all of the property's when absent. */
  reservation?: ReservationRef;
  /** ISO days, inclusive, on the payment's date. */
  from?: string;
  to?: string;
  /** Clientele never cancels a payment: asking for cancelled ones finds none. */
  canceled?: boolean;
  payType?: string;
}

/** Payments that match, oldest first, at most MAX_PAYMENTS (as the real server). */
export async function findPayments(db: Db, scope: Scope, q: PaymentQuery): Promise<store.Payment[]> {
  const reservation = q.reservation && (await requireReservation(db, scope, q.reservation));
  if (q.from !== undefined && q.to !== undefined && q.to < q.from) {
    throw invalid('invalid parameter: dto is before dfrom', 'dto');
  }
  if (q.canceled === true) return [];
  const filter = { reservationId: reservation?.id, from: q.from, to: q.to, payType: q.payType };
  return store.listPayments(db, scope.tenantId, filter, MAX_PAYMENTS);
}

/** Records a payment and moves the reservation's `payment.amount` by it, in one transaction. */
export async function pay(db: Db, scope: Scope, ref: ReservationRef, input: PaymentInput): Promise<number> {
  const cents = paymentCents(input.value);
  const payType = input.pay_type?.trim();
  if (!payType) throw missing('missing parameter: pay_type', 'pay_type');
  const tenant = await getTenant(db, scope.tenantId);
  return inTransaction(db, async (trx) => {
    const reservation = await lockReservation(trx, scope, ref);
    if (input.currency !== undefined && input.currency.toUpperCase() !== reservation.currency) {
      throw invalid(`invalid parameter: currency must be ${reservation.currency}`, 'currency');
    }
    const day = input.day ?? todayOf(scope, tenant.timezone);
    const id = await store.insertPayment(trx, {
      tenant_id: scope.tenantId,
      reservation_id: reservation.id,
      day,
      amount_cents: cents,
      currency: reservation.currency,
      pay_type: payType,
      remarks: input.remarks ?? '',
      created_at: nowIsoOf(scope),
    });
    await emit(trx, scope.tenantId, 'reservation.payment_added', {
      reservation: reservation.id,
      payment: id,
      amount_cents: cents,
      currency: reservation.currency,
      pay_type: payType,
      day,
    });
    return id;
  });
}
