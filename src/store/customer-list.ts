import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
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

export type ListedCustomerRow = Omit<CustomerRow, 'tenant_id' | 'email_key' | 'phone_key'> & {
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
  'customers.birth_country',
  'customers.birth_city',
  'customers.country',
  'customers.residence_country',
  'customers.city',
  'customers.address',
  'customers.zipcode',
  'customers.cf',
  'customers.bill_address',
  'customers.bill_city',
  'customers.bill_zip',
  'customers.bill_country',
  'customers.bill_name',
  'customers.vat_number',
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
 * One page in id order. The page's first id is found on the (tenant_id, id) index alone, so skipping rows reads
 * no customer row; only the page itself is then fetched by keyset.
 */
export async function listCustomerPage(
  db: Db,
  tenantId: number,
  filter: CustomerListFilter,
  offset: number,
  limit: number,
): Promise<ListedCustomerRow[]> {
  const firstId = (eb: ExpressionBuilder<Database, 'customers'>) =>
    filtered(eb.selectFrom('customers').select('customers.id'), tenantId, filter)
      .orderBy('customers.id')
      .limit(1)
      .offset(offset);
  return filtered(listed(db), tenantId, filter)
    .where('customers.id', '>=', firstId)
    .orderBy('customers.id')
    .limit(limit)
    .execute();
}

/** The next batch of a full listing: ids after `afterId`, up to `lastId`, in id order. */
export async function listCustomerBatch(
  db: Db,
  tenantId: number,
  filter: CustomerListFilter,
  range: { afterId: number; lastId: number },
  limit: number,
): Promise<ListedCustomerRow[]> {
  return filtered(listed(db), tenantId, filter)
    .where('customers.id', '>', range.afterId)
    .where('customers.id', '<=', range.lastId)
    .orderBy('customers.id')
    .limit(limit)
    .execute();
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
