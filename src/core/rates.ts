import type { Db } from '../store/db.ts';
import { listProducts, type Product } from '../store/inventory.ts';
import * as store from '../store/rates.ts';
import { BOARDS } from './boards.ts';
import { addDays, nightsBetween } from './dates.ts';
import { invalid, notFound } from './errors.ts';
import { count, flag, id, isoDay, list, name, uniqueIds, type Obj } from './file-fields.ts';
import { fromCents, toCents } from './money.ts';

// Rates in the inventory file: the rates, the day values of their products (written as ranges of equal days,
// stored one row a night) and the meal-board price list.

/** A file's day values may cover at most this many product-nights in all (a year of 270 products). */
export const MAX_RATE_DAYS = 100_000;
/** One range of the file covers at most three years. */
const MAX_RANGE_DAYS = 1_096;

export type RateSections = store.RateRows;

function board(value: unknown, where: string): string {
  if (typeof value !== 'string' || !BOARDS.has(value))
    throw invalid(`${where} must be nb, bb, hb, fb or ai`, where);
  return value;
}

function validateRateList(file: Obj, currency: string): store.Rate[] {
  const rates = uniqueIds(
    list(file, 'rates').map((r, i) => {
      const where = `rates[${i}]`;
      const rateCurrency = r.currency ?? currency;
      if (typeof rateCurrency !== 'string' || rateCurrency.toUpperCase() !== currency) {
        throw invalid(`${where}.currency must be ${currency}, the property's currency`, `${where}.currency`);
      }
      return {
        id: id(r.id, `${where}.id`),
        name: name(r.name, `${where}.name`),
        board: board(r.board ?? 'nb', `${where}.board`),
        currency,
        standard: flag(r.standard, `${where}.standard`),
      };
    }),
    'rates',
  );
  if (rates.filter((r) => r.standard === 1).length > 1)
    throw invalid('rates: only one rate can be standard', 'rates');
  return rates;
}

function dayRange(entry: Obj, where: string): { from: string; to: string } {
  const from = isoDay(entry.from, `${where}.from`);
  const to = isoDay(entry.to ?? entry.from, `${where}.to`);
  const days = nightsBetween(from, to) + 1;
  if (days < 1 || days > MAX_RANGE_DAYS) {
    throw invalid(`${where}: to must be from ${from} to ${MAX_RANGE_DAYS} days later`, `${where}.to`);
  }
  return { from, to };
}

function validateRateValues(file: Obj, products: Map<number, Product>): store.RateValue[] {
  const rows: store.RateValue[] = [];
  const taken = new Map<string, number>();
  for (const [i, v] of list(file, 'rate_values').entries()) {
    const where = `rate_values[${i}]`;
    const productId = id(v.product, `${where}.product`);
    if (!products.has(productId))
      throw invalid(`${where}.product: unknown product ${productId}`, `${where}.product`);
    const { from, to } = dayRange(v, where);
    const minStay = v.min_stay === undefined ? 1 : count(v.min_stay, `${where}.min_stay`, 1, 365);
    const maxStay = v.max_stay === undefined ? 0 : count(v.max_stay, `${where}.max_stay`, 0, 365);
    if (maxStay !== 0 && maxStay < minStay) {
      throw invalid(`${where}.max_stay must be 0 (none) or at least min_stay`, `${where}.max_stay`);
    }
    const value = {
      product_id: productId,
      price_cents: toCents(v.price, `${where}.price`),
      min_stay: minStay,
      max_stay: maxStay,
      closed: flag(v.closed, `${where}.closed`),
      closed_arrival: flag(v.closed_arrival, `${where}.closed_arrival`),
      closed_departure: flag(v.closed_departure, `${where}.closed_departure`),
      availability: v.availability == null ? null : count(v.availability, `${where}.availability`, 0, 10_000),
    };
    for (let day = from; day <= to; day = addDays(day, 1)) {
      const key = `${productId}/${day}`;
      const before = taken.get(key);
      if (before !== undefined) {
        throw invalid(
          `${where}: product ${productId} has a value for ${day} already (rate_values[${before}])`,
          where,
        );
      }
      taken.set(key, i);
      rows.push({ ...value, day });
      if (rows.length > MAX_RATE_DAYS) {
        throw invalid(`rate_values: at most ${MAX_RATE_DAYS} product-days in all`, 'rate_values');
      }
    }
  }
  return rows.sort((a, b) => a.product_id - b.product_id || (a.day < b.day ? -1 : 1));
}

function validateMealBoards(file: Obj): store.MealBoard[] {
  return uniqueIds(
    list(file, 'meal_boards').map((m, i) => {
      const where = `meal_boards[${i}]`;
      const { from, to } = dayRange(m, where);
      const amount = (key: string) => toCents(m[key] ?? 0, `${where}.${key}`);
      return {
        id: id(m.id, `${where}.id`),
        board: board(m.board, `${where}.board`),
        dfrom: from,
        dto: to,
        adults_cents: amount('adults'),
        teens_cents: amount('teens'),
        children_cents: amount('children'),
        babies_cents: amount('babies'),
      };
    }),
    'meal_boards',
  );
}

/**
 * The rate sections of an inventory file. A file with rates must give every product one of them; a file without
 * rates (written before rates existed) keeps its products' `rate_id` as they are.
 */
export function validateRateSections(file: Obj, products: Product[], currency: string): RateSections {
  const rates = validateRateList(file, currency);
  if (rates.length) {
    const rateIds = new Set(rates.map((r) => r.id));
    const orphan = products.findIndex((p) => !rateIds.has(p.rate_id));
    if (orphan >= 0) {
      const where = `products[${orphan}].rate_id`;
      throw invalid(`${where}: unknown rate ${products[orphan]!.rate_id}`, where);
    }
  }
  const byId = new Map(products.map((p) => [p.id, p]));
  return { rates, rateValues: validateRateValues(file, byId), mealBoards: validateMealBoards(file) };
}

const sameValues = (a: store.RateValue, b: store.RateValue) =>
  a.product_id === b.product_id &&
  a.price_cents === b.price_cents &&
  a.min_stay === b.min_stay &&
  a.max_stay === b.max_stay &&
  a.closed === b.closed &&
  a.closed_arrival === b.closed_arrival &&
  a.closed_departure === b.closed_departure &&
  a.availability === b.availability;

/** Stored nights (by product, then day) back into the file's ranges: runs of consecutive equal nights. */
function valueRanges(rows: store.RateValue[]) {
  const ranges: { first: store.RateValue; to: string }[] = [];
  for (const row of rows) {
    const last = ranges.at(-1);
    if (last && sameValues(last.first, row) && addDays(last.to, 1) === row.day) last.to = row.day;
    else ranges.push({ first: row, to: row.day });
  }
  // A rule at its default (min stay 1, no max stay, open, no availability limit) is left out, as files write it.
  return ranges.map(({ first: v, to }) => ({
    product: v.product_id,
    from: v.day,
    to,
    price: fromCents(v.price_cents),
    ...(v.min_stay === 1 ? {} : { min_stay: v.min_stay }),
    ...(v.max_stay === 0 ? {} : { max_stay: v.max_stay }),
    ...(v.closed === 1 ? { closed: true } : {}),
    ...(v.closed_arrival === 1 ? { closed_arrival: true } : {}),
    ...(v.closed_departure === 1 ? { closed_departure: true } : {}),
    ...(v.availability === null ? {} : { availability: v.availability }),
  }));
}

/** The rate sections of the tenant's inventory in the file format `validateRateSections` reads. */
export async function exportRateSections(db: Db, tenantId: number) {
  const [rates, values, boards] = await Promise.all([
    store.listRates(db, tenantId),
    store.listRateValues(db, tenantId),
    store.listMealBoards(db, tenantId),
  ]);
  return {
    rates: rates.map((r) => ({
      id: r.id,
      name: r.name,
      board: r.board,
      currency: r.currency,
      standard: r.standard === 1,
    })),
    rate_values: valueRanges(values),
    meal_boards: boards.map((m) => ({
      id: m.id,
      board: m.board,
      from: m.dfrom,
      to: m.dto,
      adults: fromCents(m.adults_cents),
      teens: fromCents(m.teens_cents),
      children: fromCents(m.children_cents),
      babies: fromCents(m.babies_cents),
    })),
  };
}

export const listRates = (db: Db, tenantId: number) => store.listRates(db, tenantId);
export const listMealBoards = (db: Db, tenantId: number) => store.listMealBoards(db, tenantId);

/** One night of a product under its rate: its stored value, or the product's price with no restriction. */
export type NightValue = Omit<store.RateValue, 'product_id'>;

const openNight = (product: Product, day: string): NightValue => ({
  day,
  price_cents: product.price_cents,
  min_stay: 1,
  max_stay: 0,
  closed: 0,
  closed_arrival: 0,
  closed_departure: 0,
  availability: null,
});

/**
 * Each product's values for the given nights, in night order, from its stored rows (by product, then day): a
 * night without a row is open at the product's price.
 */
function productNights(products: Product[], days: string[], stored: store.RateValue[]) {
  const byProduct = new Map<number, store.RateValue[]>();
  for (const row of stored) {
    const rows = byProduct.get(row.product_id);
    if (rows) rows.push(row);
    else byProduct.set(row.product_id, [row]);
  }
  return products.map((product) => {
    const rows = byProduct.get(product.id) ?? [];
    let next = 0;
    const nights = days.map((day): NightValue => {
      const row = rows[next];
      if (row?.day !== day) return openNight(product, day);
      next++;
      const { product_id: _product, ...value } = row;
      return value;
    });
    return { product, nights };
  });
}

const dayList = (from: string, days: number) => Array.from({ length: days }, (_, i) => addDays(from, i));

/** `inventory/fetch_rate_values` answers at most a year and a day of nights per call. */
export const MAX_VALUE_DAYS = 366;

/** `inventory/fetch_rate_values`: the values of every product of the rate for `days` nights from `from`. */
export async function rateValues(db: Db, tenantId: number, rateId: number, from: string, days: number) {
  if (!Number.isInteger(days) || days < 1 || days > MAX_VALUE_DAYS) {
    throw invalid(`invalid parameter: n (1 to ${MAX_VALUE_DAYS} days)`, 'n');
  }
  if (!(await store.findRate(db, tenantId, rateId))) throw notFound(`rate not found: ${rateId}`);
  const nights = dayList(from, days);
  const [products, stored] = await Promise.all([
    listProducts(db, tenantId),
    store.rateValuesOfRate(db, tenantId, rateId, from, nights.at(-1)!),
  ]);
  return productNights(
    products.filter((p) => p.rate_id === rateId),
    nights,
    stored,
  );
}

/** The values of one product for the nights from `from`: a stay's nights and, last, its departure day. */
export async function productDays(db: Db, tenantId: number, product: Product, from: string, days: number) {
  const nights = dayList(from, days);
  const stored = await store.rateValuesOfProduct(db, tenantId, product.id, from, nights.at(-1)!);
  return productNights([product], nights, stored)[0]!.nights;
}
