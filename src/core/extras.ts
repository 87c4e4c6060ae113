import { inTransaction } from '../store/transaction.ts';
import type { Db } from '../store/db.ts';
import { findExtra } from '../store/inventory.ts';
import * as store from '../store/reservation-lines.ts';
import { requireDayInStay } from './availability.ts';
import { nightsBetween } from './dates.ts';
import { invalid, missing, notFound } from './errors.ts';
import { emit } from './events.ts';
import { bookingSettings } from './inventory.ts';
import { positiveCount } from './meals.ts';
import { splitVat } from './money.ts';
import { lockReservation, requireReservation } from './reservations.ts';
import type { Scope } from './tenants.ts';
import { todayOf } from './clock.ts';

/** An extra line of a reservation, as stored (amounts in cents). */
export type ReservationExtra = store.ReservationExtraRow;

export interface ExtraInput {
  /** An extra of the tenant's catalogue; gives the name, price and VAT rate unless the request does. */
  extraId?: number;
  name?: string;
  number: number;
  daily: boolean;
  day?: string;
  /** The line's total, VAT included. */
  priceCents?: number;
  vatBp?: number;
  currency?: string;
}

export async function listExtras(db: Db, scope: Scope, reservationId: number) {
  const reservation = await requireReservation(db, scope, { id: reservationId });
  return { reservation, extras: await store.listReservationExtras(db, scope.tenantId, reservationId) };
}

export async function addExtra(
  db: Db,
  scope: Scope,
  reservationId: number,
  input: ExtraInput,
): Promise<number> {
  positiveCount(input.number, 'number');
  const catalogue =
    input.extraId === undefined ? undefined : await findExtra(db, scope.tenantId, input.extraId);
  if (input.extraId !== undefined && !catalogue) throw notFound(`extra not found: ${input.extraId}`);
  const name = input.name?.trim() || catalogue?.name;
  if (!name) throw missing('missing parameter: exid or name', 'name');
  if (name.length > 200) throw invalid('invalid value: name', 'name');
  if (!input.daily && input.day === undefined)
    throw missing('missing parameter: day (the extra is not daily)', 'day');
  const { tenant, settings } = await bookingSettings(db, scope.tenantId);
  const vatBp = input.vatBp ?? catalogue?.vat_bp ?? settings.vat_extras_bp;
  return inTransaction(db, async (trx) => {
    const reservation = await lockReservation(trx, scope, { id: reservationId });
    if (input.currency !== undefined && input.currency.toUpperCase() !== reservation.currency) {
      throw invalid(`invalid parameter: currency must be ${reservation.currency}`, 'currency');
    }
    if (!input.daily) requireDayInStay(reservation, input.day!, 'day');
    const times = input.daily ? nightsBetween(reservation.arrival, reservation.departure) : 1;
    const total = input.priceCents ?? (catalogue ? catalogue.price_cents * input.number * times : undefined);
    if (total === undefined) throw missing('missing parameter: price', 'price');
    const id = await store.insertReservationExtra(trx, {
      tenant_id: scope.tenantId,
      reservation_id: reservationId,
      extra_id: catalogue?.id ?? null,
      name,
      number: input.number,
      daily: input.daily ? 1 : 0,
      day: input.daily ? null : input.day!,
      total_cents: total,
      vat_cents: splitVat(total, vatBp).vat,
      vat_bp: vatBp,
      created_on: todayOf(scope, tenant.timezone),
    });
    await store.refreshTotals(trx, 'reservation_extras', scope.tenantId, reservationId);
    await emit(trx, scope.tenantId, 'reservation.extra_added', {
      reservation: reservationId,
      extra: id,
      name,
      number: input.number,
      daily: input.daily,
      day: input.daily ? null : input.day!,
      total_cents: total,
    });
    return id;
  });
}

/** Deletes an extra of the reservation; an extra of another reservation is not found. */
export async function deleteExtra(
  db: Db,
  scope: Scope,
  reservationId: number,
  lineId: number,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await lockReservation(trx, scope, { id: reservationId });
    const deleted = await store.deleteLine(trx, 'reservation_extras', scope.tenantId, reservationId, lineId);
    if (!deleted) throw notFound('extra not found');
    await store.refreshTotals(trx, 'reservation_extras', scope.tenantId, reservationId);
    await emit(trx, scope.tenantId, 'reservation.extra_removed', {
      reservation: reservationId,
      extra: lineId,
    });
  });
}
