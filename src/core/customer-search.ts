import type { Db } from '../store/db.ts';
import { listCardsOfCustomers, type CardRow } from '../store/cards.ts';
import {
  listCustomerBatch,
  listCustomerPage,
  measureCustomers,
  type CustomerListFilter,
  type ListedCustomerRow,
} from '../store/customer-list.ts';
import { DomainError, invalid } from './errors.ts';
import { emailKey, phoneKey } from './phones.ts';
import type { Scope } from './tenants.ts';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
/**
 * Rows fetched per query while a full listing is streamed: memory stays flat whatever the tenant's size, and a
 * smaller batch lowers the peak (less garbage promoted while a batch waits for the socket). At 500, 5 of 35
 * exports of a million peaked near 325 MB instead of 205 (V8's old generation grew to 170 MB between full
 * collections); at 100, none of 34 passed 215 MB, for about 5 % more time (docs/benchmarks.md).
 */
export const EXPORT_BATCH = 100;

/** What a client searches by; absent filters match everything, present ones combine with AND. */
export interface CustomerSearch {
  id?: number;
  externalId?: string;
  /** Free form: compared by its canonical phone key. */
  phone?: string;
  email?: string;
  withPhone?: boolean;
  withEmail?: boolean;
  /** Attach each customer's discount cards. */
  cards?: boolean;
}

export type Card = CardRow;
export type ListedCustomer = ListedCustomerRow & { cards?: Card[] };

export interface Paging {
  page?: number;
  pageSize?: number;
}

function storeFilter(search: CustomerSearch, country?: string): CustomerListFilter {
  const filter: CustomerListFilter = {
    id: search.id,
    externalId: search.externalId,
    withPhone: search.withPhone,
    withEmail: search.withEmail,
  };
  // A phone without a digit (or a blank e-mail) has no key, and no stored key is '': it matches no customer.
  if (search.phone !== undefined) filter.phoneKey = phoneKey(search.phone, country) ?? '';
  if (search.email !== undefined) filter.emailKey = emailKey(search.email) ?? '';
  return filter;
}

async function withCards(db: Db, scope: Scope, search: CustomerSearch, rows: ListedCustomerRow[]) {
  if (!search.cards) return rows;
  const cards = await listCardsOfCustomers(
    db,
    scope.tenantId,
    rows.map((r) => r.id),
  );
  const byCustomer = new Map<number | null, Card[]>();
  for (const card of cards) {
    const owned = byCustomer.get(card.customer_id);
    if (owned) owned.push(card);
    else byCustomer.set(card.customer_id, [card]);
  }
  return rows.map((row): ListedCustomer => ({ ...row, cards: byCustomer.get(row.id) ?? [] }));
}

/** The offset and size of a page, or null when the client asked for no paging (the full listing). */
export function resolvePaging(paging: Paging): { offset: number; limit: number } | null {
  if (paging.page === undefined && paging.pageSize === undefined) return null;
  const page = paging.page ?? 1;
  const size = paging.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(page) || page < 1) throw invalid('invalid value: page', 'page');
  if (!Number.isSafeInteger(size) || size < 1) throw invalid('invalid value: page_size', 'page_size');
  if (size > MAX_PAGE_SIZE)
    throw new DomainError('page_size_too_large', `page_size above ${MAX_PAGE_SIZE}`, 'page_size');
  return { offset: (page - 1) * size, limit: size };
}

/** One page of matching customers in id order. */
export async function searchCustomerPage(
  db: Db,
  scope: Scope,
  search: CustomerSearch,
  page: { offset: number; limit: number },
): Promise<ListedCustomer[]> {
  const rows = await listCustomerPage(
    db,
    scope.tenantId,
    storeFilter(search, scope.country),
    page.offset,
    page.limit,
  );
  return withCards(db, scope, search, rows);
}

export interface CustomerExport {
  /** How many customers the listing holds, known before the first one is written. */
  count: number;
  first: ListedCustomer[];
  /** The batches after the first, read one at a time; null when the first batch is the whole listing. */
  rest: AsyncGenerator<ListedCustomer[]> | null;
}

/**
 * Every matching customer, in id order. A listing that fits one batch (any lookup by phone, e-mail or id) is read
 * in one query. A longer one is counted and bounded by the highest matching id, then read batch by batch by
 * keyset, so customers created meanwhile change neither its `count` nor its end.
 */
export async function exportCustomers(db: Db, scope: Scope, search: CustomerSearch): Promise<CustomerExport> {
  const filter = storeFilter(search, scope.country);
  const firstRows = await listCustomerBatch(db, scope.tenantId, filter, { afterId: 0 }, EXPORT_BATCH);
  const first = await withCards(db, scope, search, firstRows);
  if (firstRows.length < EXPORT_BATCH) return { count: first.length, first, rest: null };
  const { count, lastId } = await measureCustomers(db, scope.tenantId, filter);
  async function* rest(afterId: number): AsyncGenerator<ListedCustomer[]> {
    for (;;) {
      const rows = await listCustomerBatch(db, scope.tenantId, filter, { afterId, lastId }, EXPORT_BATCH);
      if (rows.length === 0) return;
      yield await withCards(db, scope, search, rows);
      afterId = rows[rows.length - 1]!.id;
      if (rows.length < EXPORT_BATCH) return;
    }
  }
  return { count, first, rest: rest(firstRows[firstRows.length - 1]!.id) };
}
