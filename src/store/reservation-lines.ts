import type { Insertable, Selectable } from 'kysely';
import type { Db } from './db.ts';
import type { MealTable, ReservationExtraTable } from './schema/reservations.ts';

/** Meals and extras of a reservation, and the totals kept on the reservation row for rendering pages fast. */
export type MealRow = Selectable<MealTable>;
export type ReservationExtraRow = Selectable<ReservationExtraTable>;

type LineTable = 'meals' | 'reservation_extras';

export async function listMeals(db: Db, tenantId: number, reservationId: number): Promise<MealRow[]> {
  return db
    .selectFrom('meals')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('reservation_id', '=', reservationId)
    .orderBy('id')
    .execute();
}

export async function listReservationExtras(
  db: Db,
  tenantId: number,
  reservationId: number,
): Promise<ReservationExtraRow[]> {
  return db
    .selectFrom('reservation_extras')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('reservation_id', '=', reservationId)
    .orderBy('id')
    .execute();
}

export async function insertMeal(trx: Db, row: Insertable<MealTable>): Promise<number> {
  const inserted = await trx.insertInto('meals').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function insertReservationExtra(
  trx: Db,
  row: Insertable<ReservationExtraTable>,
): Promise<number> {
  const inserted = await trx
    .insertInto('reservation_extras')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Deletes a line of the reservation; returns whether it existed there. */
export async function deleteLine(
  trx: Db,
  table: LineTable,
  tenantId: number,
  reservationId: number,
  id: number,
): Promise<boolean> {
  const result = await trx
    .deleteFrom(table)
    .where('tenant_id', '=', tenantId)
    .where('reservation_id', '=', reservationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

const TOTAL_COLUMNS = {
  meals: { total: 'meals_cents', vat: 'meals_vat_cents' },
  reservation_extras: { total: 'extras_cents', vat: 'extras_vat_cents' },
} as const;

/** Recomputes the reservation's meal or extra totals from its lines (inside the transaction that changed them). */
export async function refreshTotals(trx: Db, table: LineTable, tenantId: number, reservationId: number) {
  const sums = await trx
    .selectFrom(table)
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('total_cents'), eb.lit(0)).as('total'),
      eb.fn.coalesce(eb.fn.sum<number>('vat_cents'), eb.lit(0)).as('vat'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('reservation_id', '=', reservationId)
    .executeTakeFirstOrThrow();
  const columns = TOTAL_COLUMNS[table];
  await trx
    .updateTable('reservations')
    .set({ [columns.total]: Number(sums.total), [columns.vat]: Number(sums.vat) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', reservationId)
    .execute();
}
