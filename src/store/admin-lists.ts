import type { Selectable } from 'kysely';
import type { CustomerRow } from './customers.ts';
import type { Db } from './db.ts';
import type { OwnerRow } from './owners.ts';
import type { AgencyTable } from './schema/agencies.ts';
import type { TenantRow } from './tenants.ts';

// The lists of the admin API: keyset pages in id order (`id > after`, limit), each scoped to its tenant.

export async function tenantsAfter(db: Db, after: number, limit: number): Promise<TenantRow[]> {
  return db.selectFrom('tenants').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute();
}

export interface KeyRow {
  id: number;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
}

export async function keysOfTenant(
  db: Db,
  tenantId: number,
  after: number,
  limit: number,
): Promise<KeyRow[]> {
  return db
    .selectFrom('api_keys')
    .select(['id', 'prefix', 'created_at', 'revoked_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Revokes the tenant's key `id` if it is active; false when there is no such active key of this tenant. */
export async function revokeKeyOfTenant(db: Db, tenantId: number, id: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** What a customer search looks for, already normalised by the core. */
export interface CustomerQuery {
  emailKey?: string;
  phoneKey?: string;
  /** Lower-cased: a prefix of the name or the surname. */
  text?: string;
  /** The blind index of a whole document number (with `text`). */
  document?: string;
}

/**
 * Customers matching the query, after the id `after`. Each branch is an indexed lookup: the e-mail or phone key,
 * the lower-cased name or surname as a range (`>= text`, `< text + U+FFFF`), a document's number (the query
 * plans are in docs/admin-api.md).
 */
export async function searchCustomers(
  db: Db,
  tenantId: number,
  q: CustomerQuery,
  after: number,
  limit: number,
): Promise<CustomerRow[]> {
  if (q.text === undefined) {
    let query = db
      .selectFrom('customers')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '>', after);
    if (q.emailKey !== undefined) query = query.where('email_key', '=', q.emailKey);
    else if (q.phoneKey !== undefined) query = query.where('phone_key', '=', q.phoneKey);
    return query.orderBy('id').limit(limit).execute();
  }
  const { text } = q;
  const end = `${text}\uffff`;
  // The search keys of migration 047, in byte order on both stores.
  const prefixOf = (column: 'name_key' | 'surname_key') =>
    db
      .selectFrom('customers')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where(column, '>=', text)
      .where(column, '<', end);
  // The matching ids first, from three indexed lookups, materialised, then the page's rows by id. Otherwise the
  // planners walk the tenant's customers in id order: for an OR, for an IN beside ORDER BY id, and (SQLite) for a
  // union it merges from id-ordered scans once the cursor's `id > ?` is pushed into it.
  return (
    db
      .with(
        (cte) => cte('matches').materialized(),
        () =>
          prefixOf('surname_key')
            .union(prefixOf('name_key'))
            .union(
              db
                .selectFrom('customer_documents')
                .select('customer_id as id')
                .where('tenant_id', '=', tenantId)
                .where('doc_number', '=', q.document ?? text),
            ),
      )
      // The page's ids before the join: joined first, PostgreSQL merges along the primary key instead.
      .with('page', (w) =>
        w.selectFrom('matches').select('id').where('id', '>', after).orderBy('id').limit(limit),
      )
      .selectFrom('page as p')
      .innerJoin('customers as c', (join) => join.onRef('c.id', '=', 'p.id').on('c.tenant_id', '=', tenantId))
      .selectAll('c')
      .orderBy('p.id')
      .execute()
  );
}

export async function ownersAfter(
  db: Db,
  tenantId: number,
  after: number,
  limit: number,
): Promise<OwnerRow[]> {
  return db
    .selectFrom('owners')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function findOwnerById(db: Db, tenantId: number, id: number): Promise<OwnerRow | undefined> {
  return db
    .selectFrom('owners')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

const AGENCY_COLUMNS = [
  'id',
  'owner_id',
  'code',
  'name',
  'city',
  'country',
  'currency',
  'mailstaff',
  'telephone',
  'enabled',
  'created_at',
  'updated_at',
] as const;

export type AgencyRow = Pick<Selectable<AgencyTable>, (typeof AGENCY_COLUMNS)[number]>;

/** The tenant's agencies after the id `after` (of one owner when given), in id order. */
export async function agenciesAfter(
  db: Db,
  tenantId: number,
  ownerId: number | undefined,
  after: number,
  limit: number,
): Promise<AgencyRow[]> {
  let query = db
    .selectFrom('agencies')
    .select(AGENCY_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '>', after);
  if (ownerId !== undefined) query = query.where('owner_id', '=', ownerId);
  return query.orderBy('id').limit(limit).execute();
}

export async function findAgency(db: Db, tenantId: number, id: number): Promise<AgencyRow | undefined> {
  return db
    .selectFrom('agencies')
    .select(AGENCY_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}
