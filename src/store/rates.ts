import type { Selectable } from 'kysely';
import { chunks } from './chunks.ts';
import type { Db } from './db.ts';
import { preparedRead } from './prepared.ts';
import type { MealBoardTable, RateTable, RateValueTable } from './schema/rates.ts';

type Row<T> = Omit<Selectable<T>, 'tenant_id'>;
export type Rate = Row<RateTable>;
export type RateValue = Row<RateValueTable>;
export type MealBoard = Row<MealBoardTable>;

export interface RateRows {
  rates: Rate[];
  /** One row per product and night. */
  rateValues: RateValue[];
  mealBoards: MealBoard[];
}

export const RATE_TABLES = ['rate_values', 'rates', 'meal_boards'] as const;

// 11 bound values a row: 2,000 rows stay under SQLite's 32,766.
const ROWS_PER_INSERT = 2_000;

/** Inside the import's transaction, after RATE_TABLES were emptied: writes the rate rows of the file. */
export async function insertRates(trx: Db, tenantId: number, rows: RateRows): Promise<void> {
  const withTenant = <T>(items: T[]) => items.map((row) => ({ ...row, tenant_id: tenantId }));
  if (rows.rates.length) await trx.insertInto('rates').values(withTenant(rows.rates)).execute();
  for (const part of chunks(rows.rateValues, ROWS_PER_INSERT)) {
    await trx.insertInto('rate_values').values(withTenant(part)).execute();
  }
  if (rows.mealBoards.length)
    await trx.insertInto('meal_boards').values(withTenant(rows.mealBoards)).execute();
}

export async function listRates(db: Db, tenantId: number): Promise<Rate[]> {
  return db
    .selectFrom('rates')
    .select(['id', 'name', 'board', 'currency', 'standard'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
}

export async function findRate(db: Db, tenantId: number, id: number): Promise<Rate | undefined> {
  return db
    .selectFrom('rates')
    .select(['id', 'name', 'board', 'currency', 'standard'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listMealBoards(db: Db, tenantId: number): Promise<MealBoard[]> {
  return db
    .selectFrom('meal_boards')
    .select(['id', 'board', 'dfrom', 'dto', 'adults_cents', 'teens_cents', 'children_cents', 'babies_cents'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
}

const VALUE_COLUMNS = [
  'product_id',
  'day',
  'price_cents',
  'min_stay',
  'max_stay',
  'closed',
  'closed_arrival',
  'closed_departure',
  'availability',
] as const;

/** Every stored day value of the tenant, by product then day (the export's order). */
export async function listRateValues(db: Db, tenantId: number): Promise<RateValue[]> {
  return db
    .selectFrom('rate_values')
    .select(VALUE_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .orderBy('product_id')
    .orderBy('day')
    .execute();
}

// The reads of `fetch_rate_values` and of a booking through a product: compiled once (see prepared.ts), read
// beside the writer on SQLite, one range of the primary key per product.
const valuesOfRate = preparedRead(
  'rate_values_of_rate',
  4,
  (db, tenantId: number, rateId: number, from: string, to: string) =>
    db
      .selectFrom('rate_values')
      .select(VALUE_COLUMNS)
      .where('tenant_id', '=', tenantId)
      // A list of the rate's products, so that each is one range of the primary key.
      .where('product_id', 'in', (eb) =>
        eb
          .selectFrom('products')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('rate_id', '=', rateId),
      )
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('product_id')
      .orderBy('day'),
);

const valuesOfProduct = preparedRead(
  'rate_values_of_product',
  4,
  (db, tenantId: number, productId: number, from: string, to: string) =>
    db
      .selectFrom('rate_values')
      .select(VALUE_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('product_id', '=', productId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('day'),
);

/** The stored values of the rate's products for the nights `from` … `to` (inclusive), by product then day. */
export const rateValuesOfRate = (db: Db, tenantId: number, rateId: number, from: string, to: string) =>
  valuesOfRate(db, tenantId, rateId, from, to);

/** The stored values of one product for the nights `from` … `to` (inclusive), by day. */
export const rateValuesOfProduct = (db: Db, tenantId: number, productId: number, from: string, to: string) =>
  valuesOfProduct(db, tenantId, productId, from, to);

/**
 * Rooms of the product already sold on each of the given nights (nights with none are absent). On PostgreSQL the
 * product's row is locked first, so two bookings checking the same product's availability take turns; SQLite's
 * writers take turns anyway.
 */
export async function productRoomsSold(
  trx: Db,
  tenantId: number,
  productId: number,
  nights: string[],
  lock: boolean,
): Promise<Map<string, number>> {
  if (lock) {
    await trx
      .selectFrom('products')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', productId)
      .forUpdate()
      .execute();
  }
  const rows = await trx
    .selectFrom('room_nights as n')
    .innerJoin('reservation_rooms as rr', (join) =>
      join
        .onRef('rr.tenant_id', '=', 'n.tenant_id')
        .onRef('rr.reservation_id', '=', 'n.reservation_id')
        .onRef('rr.room_id', '=', 'n.room_id'),
    )
    .select((eb) => ['n.night', eb.fn.countAll<number>().as('sold')])
    .where('n.tenant_id', '=', tenantId)
    .where('rr.product_id', '=', productId)
    .where('n.night', 'in', nights)
    .groupBy('n.night')
    .execute();
  return new Map(rows.map((r) => [r.night, Number(r.sold)]));
}
