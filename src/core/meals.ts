import { inTransaction } from '../store/transaction.ts';
import type { Db } from '../store/db.ts';
import * as store from '../store/reservation-lines.ts';
import { requireDayInStay } from './availability.ts';
import { invalid, notFound } from './errors.ts';
import { emit } from './events.ts';
import { bookingSettings } from './inventory.ts';
import { splitVat } from './money.ts';
import { lockReservation, requireReservation } from './reservations.ts';
import type { Scope } from './tenants.ts';
import { todayOf } from './clock.ts';

export const MEAL_TYPES: ReadonlySet<string> = new Set(['b', 'l', 'd']);

/** A meal line of a reservation, as stored (amounts in cents). */
export type Meal = store.MealRow;

export interface MealInput {
  /** The meal line's total, VAT included. */
  priceCents: number;
  mtype: string;
  mnumber: number;
  times: number;
  day: string;
  vatBp?: number;
}

export function positiveCount(value: number, field: string, max = 1000): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw invalid(`invalid value: ${field}`, field);
  return value;
}

export async function listMeals(db: Db, scope: Scope, reservationId: number) {
  const reservation = await requireReservation(db, scope, { id: reservationId });
  return { reservation, meals: await store.listMeals(db, scope.tenantId, reservationId) };
}

export async function addMeal(db: Db, scope: Scope, reservationId: number, meal: MealInput): Promise<number> {
  if (!MEAL_TYPES.has(meal.mtype)) throw invalid('invalid value: mtype (b, l or d)', 'mtype');
  positiveCount(meal.mnumber, 'mnumber');
  positiveCount(meal.times, 'times');
  const { tenant, settings } = await bookingSettings(db, scope.tenantId);
  const vatBp = meal.vatBp ?? settings.vat_meals_bp;
  return inTransaction(db, async (trx) => {
    const reservation = await lockReservation(trx, scope, { id: reservationId });
    requireDayInStay(reservation, meal.day, 'day');
    const id = await store.insertMeal(trx, {
      tenant_id: scope.tenantId,
      reservation_id: reservationId,
      day: meal.day,
      mtype: meal.mtype,
      mnumber: meal.mnumber,
      times: meal.times,
      total_cents: meal.priceCents,
      vat_cents: splitVat(meal.priceCents, vatBp).vat,
      vat_bp: vatBp,
      created_on: todayOf(scope, tenant.timezone),
    });
    await store.refreshTotals(trx, 'meals', scope.tenantId, reservationId);
    const { day, mtype, mnumber, times } = meal;
    await emit(trx, scope.tenantId, 'reservation.meal_added', {
      reservation: reservationId,
      meal: id,
      ...{ day, mtype, mnumber, times },
      total_cents: meal.priceCents,
    });
    return id;
  });
}

/** Deletes a meal of the reservation; a meal of another reservation is not found. */
export async function deleteMeal(db: Db, scope: Scope, reservationId: number, mealId: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    await lockReservation(trx, scope, { id: reservationId });
    if (!(await store.deleteLine(trx, 'meals', scope.tenantId, reservationId, mealId)))
      throw notFound('meal not found');
    await store.refreshTotals(trx, 'meals', scope.tenantId, reservationId);
    await emit(trx, scope.tenantId, 'reservation.meal_removed', { reservation: reservationId, meal: mealId });
  });
}
