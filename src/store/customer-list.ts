import { sql, type SelectQueryBuilder } from 'kysely';
import { preparedRead } from './prepared.ts';
import type { CustomerRow } from './customers.ts';
import type { Db } from './db.ts';
import type { Database } from './schema.ts';

/** Filters of a customer listing, already in the form of the stored lookup keys; all combine with AND. */
export interface CustomerListFilter {
  id?: number;
  externalId?: string;
  phoneKey?: string;
  emailKey?: string;
  withPhone?: boolean;
  withEmail?: boolean;
}

/** The fields a customer listing shows (the address and billing fields of other dialects are not read). */
export type ListedCustomerRow = Pick<
  CustomerRow,
  | 'id'
  | 'name'
  | 'surname'
  | 'middle_name'
  | 'email'
  | 'phone'
  | 'gender'
  | 'birthday'
  | 'external_id'
  | 'custom_information'
  | 'accumulated_sales_cents'
  | 'send_push'
  | 'send_email'
  | 'send_sms'
  | 'group_id'
  | 'created_at'
  | 'created_by'
  | 'updated_at'
  | 'updated_by'
> & {
  group_name: string | null;
  bonus_balance_cents: number;
};

type CustomerQuery<O> = SelectQueryBuilder<Database, 'customers', O>;

function filtered<O>(
  query: CustomerQuery<O>,
  tenantId: number,
  filter: CustomerListFilter,
): CustomerQuery<O> {
  let q = query.where('customers.tenant_id', '=', tenantId);
  if (filter.id !== undefined) q = q.where('customers.id', '=', filter.id);
  if (filter.externalId !== undefined) q = q.where('customers.external_id', '=', filter.externalId);
  if (filter.phoneKey !== undefined) q = q.where('customers.phone_key', '=', filter.phoneKey);
  if (filter.emailKey !== undefined) q = q.where('customers.email_key', '=', filter.emailKey);
  if (filter.withPhone !== undefined)
    q = q.where('customers.phone_key', filter.withPhone ? 'is not' : 'is', null);
  if (filter.withEmail !== undefined)
    q = q.where('customers.email_key', filter.withEmail ? 'is not' : 'is', null);
  return q;
}

const LISTED_COLUMNS = [
  'customers.id',
  'customers.name',
  'customers.surname',
  'customers.middle_name',
  'customers.email',
  'customers.phone',
  'customers.gender',
  'customers.birthday',
  'customers.external_id',
  'customers.custom_information',
  'customers.accumulated_sales_cents',
  'customers.bonus_balance_cents',
  'customers.send_push',
  'customers.send_email',
  'customers.send_sms',
  'customers.group_id',
  'customers.created_at',
  'customers.created_by',
  'customers.updated_at',
  'customers.updated_by',
  'customer_groups.name as group_name',
] as const;

function listed(db: Db) {
  return db
    .selectFrom('customers')
    .leftJoin('customer_groups', 'customer_groups.id', 'customers.group_id')
    .select(LISTED_COLUMNS);
}

/**
 * The matching ids are chosen first, on an index alone (the filter's own index for phone, e-mail or external id,
 * else (tenant_id, id)), then their rows are read. Asked in one piece, SQLite's planner would rather walk every
 * row in id order to spare a sort, which makes a phone lookup among a million customers a full scan.
 */
function rowsOf(db: Db, ids: SelectQueryBuilder<Database, 'customers', { id: number }>) {
  // Scoped by the tenant through `ids`, which are the tenant's own; a second tenant condition here would make
  // SQLite read each row through the (tenant_id, id) index instead of by its primary key (twice the cost).
  return listed(db).where('customers.id', 'in', ids).orderBy('customers.id');
}

const matchingIds = (db: Db, tenantId: number, filter: CustomerListFilter) =>
  filtered(db.selectFrom('customers').select('customers.id'), tenantId, filter).orderBy('customers.id');

type Arg = string | number;
const VALUE_FILTERS = ['id', 'externalId', 'phoneKey', 'emailKey'] as const;

/** The filter's shape: which value filters it has, and the direction of the presence ones. */
function shapeOf(filter: CustomerListFilter): string {
  const values = VALUE_FILTERS.filter((name) => filter[name] !== undefined);
  return `${values.join(',')}|${filter.withPhone ?? ''}|${filter.withEmail ?? ''}`;
}

/** The filter of the same shape whose values are `values`, in VALUE_FILTERS order. */
function withValues(filter: CustomerListFilter, values: Arg[]): CustomerListFilter {
  const out: Record<string, Arg | boolean | undefined> = {
    withPhone: filter.withPhone,
    withEmail: filter.withEmail,
  };
  let next = 0;
  for (const name of VALUE_FILTERS) if (filter[name] !== undefined) out[name] = values[next++];
  return out as CustomerListFilter;
}

const valuesOf = (filter: CustomerListFilter): Arg[] =>
  VALUE_FILTERS.flatMap((name) => (filter[name] === undefined ? [] : [filter[name]]));

type Listing = (db: Db, ...args: Arg[]) => Promise<ListedCustomerRow[]>;
const listings = new Map<string, Listing>();

/**
 * Listings are the hottest reads of the dialect, so each query shape (kind × batch size × filter shape, a few
 * hundred at most) is compiled once; a call only binds its values: tenant, filter values, then the kind's own.
 */
function listing(
  kind: 'page' | 'after' | 'between',
  filter: CustomerListFilter,
  tail: (ids: ReturnType<typeof matchingIds>, own: Arg[]) => ReturnType<typeof matchingIds>,
  tailArity: number,
  batch = '',
): Listing {
  const key = `${kind}:${batch}:${shapeOf(filter)}`;
  let query = listings.get(key);
  if (!query) {
    const valueCount = valuesOf(filter).length;
    query = preparedRead(
      `customer_list_${listings.size + 1}`,
      1 + valueCount + tailArity,
      (db: Db, ...args: Arg[]) => {
        const tenantId = args[0] as number;
        const shaped = withValues(filter, args.slice(1, 1 + valueCount));
        return rowsOf(db, tail(matchingIds(db, tenantId, shaped), args.slice(1 + valueCount)));
      },
    ) as Listing;
    listings.set(key, query);
  }
  return query;
}

/** One page in id order; the rows skipped are never read, only their index entries. */
export async function listCustomerPage(
  db: Db,
  tenantId: number,
  filter: CustomerListFilter,
  offset: number,
  limit: number,
): Promise<ListedCustomerRow[]> {
  const query = listing('page', filter, (ids, [l, o]) => ids.limit(l as number).offset(o as number), 2);
  return query(db, tenantId, ...valuesOf(filter), limit, offset);
}

/**
 * The next batch of a full listing: ids after `afterId` (up to `lastId` when given), in id order. The batch size is
 * the caller's constant, written into the SQL: SQLite runs a statement whose LIMIT is a bound value three times
 * slower when it is a point lookup (a phone lookup is one such batch).
 */
export async function listCustomerBatch(
  db: Db,
  tenantId: number,
  filter: CustomerListFilter,
  range: { afterId: number; lastId?: number },
  limit: number,
): Promise<ListedCustomerRow[]> {
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new Error(`listCustomerBatch: bad batch size ${limit}`);
  const size = sql.lit(limit);
  if (range.lastId === undefined) {
    const query = listing(
      'after',
      filter,
      (ids, [a]) => ids.where('customers.id', '>', a as number).limit(size),
      1,
      String(limit),
    );
    return query(db, tenantId, ...valuesOf(filter), range.afterId);
  }
  const query = listing(
    'between',
    filter,
    (ids, [a, z]) =>
      ids
        .where('customers.id', '>', a as number)
        .where('customers.id', '<=', z as number)
        .limit(size),
    2,
    String(limit),
  );
  return query(db, tenantId, ...valuesOf(filter), range.afterId, range.lastId);
}

/** How many customers match, and the highest matching id: the fixed bounds of a full listing. */
export async function measureCustomers(
  db: Db,
  tenantId: number,
  filter: CustomerListFilter,
): Promise<{ count: number; lastId: number }> {
  const row = await filtered(db.selectFrom('customers'), tenantId, filter)
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('customers.id').as('last')])
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), lastId: Number(row.last ?? 0) };
}
