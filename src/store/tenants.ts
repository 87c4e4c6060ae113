import { uniqueOrViolation } from './unique.ts';
import { sql } from 'kysely';
import { kindOf, type Db } from './db.ts';
import { numberSequence } from './reservations.ts';

export interface TenantRow {
  id: number;
  name: string;
  prefix: string;
  timezone: string;
  currency: string;
  country: string;
  created_at: string;
}

export async function insertTenant(db: Db, tenant: Omit<TenantRow, 'id'>): Promise<TenantRow> {
  const row = await db.insertInto('tenants').values(tenant).returningAll().executeTakeFirstOrThrow();
  if (kindOf(db) === 'postgres') await sql`create sequence ${sql.id(numberSequence(row.id))}`.execute(db);
  return row;
}

export async function listTenants(db: Db): Promise<TenantRow[]> {
  return db.selectFrom('tenants').selectAll().orderBy('id').execute();
}

export async function findTenant(db: Db, id: number): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countTenants(db: Db): Promise<number> {
  const row = await db
    .selectFrom('tenants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertApiKey(
  db: Db,
  key: { tenant_id: number; prefix: string; key_hash: string; created_at: string },
): Promise<number> {
  const row = await uniqueOrViolation(
    db.insertInto('api_keys').values(key).returning('id').executeTakeFirstOrThrow(),
    'conflict',
    'this key is already in use on this store',
  );
  return row.id;
}

export async function findActiveKeyByHash(
  db: Db,
  keyHash: string,
): Promise<
  | { id: number; tenant_id: number; country: string; today: string | null; offset_days: number | null }
  | undefined
> {
  // The tenant's sandbox clock comes with its key: a scope carries it for as long as the key stays verified.
  return db
    .selectFrom('api_keys as k')
    .innerJoin('tenants as t', 't.id', 'k.tenant_id')
    .leftJoin('sandbox_clocks as c', 'c.tenant_id', 'k.tenant_id')
    .select(['k.id', 'k.tenant_id', 't.country', 'c.today', 'c.offset_days'])
    .where('k.key_hash', '=', keyHash)
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Revokes the active keys whose id or clear prefix is `ref`; returns how many were revoked. */
export async function revokeKeys(db: Db, id: number | null, prefix: string, at: string): Promise<number> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where('revoked_at', 'is', null)
    .where((eb) =>
      id === null ? eb('prefix', '=', prefix) : eb.or([eb('id', '=', id), eb('prefix', '=', prefix)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface ApiKeyRow {
  id: number;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
}

/** A tenant's keys, oldest first: what identifies them, never their hash. */
export async function listApiKeys(db: Db, tenantId: number): Promise<ApiKeyRow[]> {
  return db
    .selectFrom('api_keys')
    .select(['id', 'prefix', 'created_at', 'revoked_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
}

/** An arbitrary, fixed id for PostgreSQL's advisory lock of the first start ("clnt" in ASCII). */
const FIRST_START_LOCK = 0x636c6e74;

/**
 * Inside a transaction: waits until no other process is between "the store has no tenant" and "here is the demo
 * tenant". PostgreSQL: a transaction-scoped advisory lock. SQLite: nothing to do, the transaction took the write
 * lock at `BEGIN IMMEDIATE` (see sqlite-driver.ts), which another process waits for.
 */
export async function lockFirstStart(trx: Db): Promise<void> {
  if (kindOf(trx) === 'postgres')
    await sql`select pg_advisory_xact_lock(${sql.lit(FIRST_START_LOCK)})`.execute(trx);
}
