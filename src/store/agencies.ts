import type { Insertable } from 'kysely';
import type { Db } from './db.ts';
import type { AgencyTable, AgencyUserTable } from './schema/agencies.ts';
import { chunks } from './chunks.ts';

export type NewAgencyRow = Insertable<AgencyTable>;
export type NewAgencyUserRow = Omit<Insertable<AgencyUserTable>, 'agency_id'>;

/**
 * Codes per `IN (…)` list. SQLite allows 32,766 bound variables per statement and PostgreSQL 65,535; 5,000
 * stays far below both.
 */
const IN_CHUNK = 5_000;

/**
 * Which of `codes` already name an agency anywhere in the instance. Deliberately not scoped by tenant: the
 * Netstorming customer code is unique across the whole instance (it names the agency in booking calls).
 */
export async function existingAgencyCodes(db: Db, codes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(codes, IN_CHUNK)) {
    const rows = await db.selectFrom('agencies').select('code').where('code', 'in', part).execute();
    for (const row of rows) found.add(row.code);
  }
  return found;
}

/**
 * Inserts agencies and their admin users with two multi-row statements; call it inside a transaction so that
 * an agency never exists without its admin. A code taken meanwhile by a concurrent request is skipped, not an
 * error. Returns the ids of the agencies inserted, by code. Keep `items` to a few hundred rows (40 bound variables
 * per agency).
 */
export async function insertAgenciesWithAdmins(
  trx: Db,
  items: Array<{ agency: NewAgencyRow; admin: NewAgencyUserRow }>,
): Promise<Map<string, number>> {
  if (items.length === 0) return new Map();
  const inserted = await trx
    .insertInto('agencies')
    .values(items.map((item) => item.agency))
    .onConflict((oc) => oc.column('code').doNothing())
    .returning(['id', 'code'])
    .execute();
  const ids = new Map(inserted.map((row) => [row.code, row.id]));
  const users = items
    .filter((item) => ids.has(item.agency.code))
    .map((item) => ({ ...item.admin, agency_id: ids.get(item.agency.code) as number }));
  if (users.length > 0) await trx.insertInto('agency_users').values(users).execute();
  return ids;
}

/** Ids of the owner's agencies named by `codes`, by code. */
export async function agencyIdsByCode(
  db: Db,
  tenantId: number,
  ownerId: number,
  codes: string[],
): Promise<Map<string, number[]>> {
  const found = new Map<string, number[]>();
  for (const part of chunks(codes, IN_CHUNK)) {
    const rows = await db
      .selectFrom('agencies')
      .select(['id', 'code'])
      .where('tenant_id', '=', tenantId)
      .where('owner_id', '=', ownerId)
      .where('code', 'in', part)
      .execute();
    for (const row of rows) found.set(row.code, [row.id]);
  }
  return found;
}

/** Ids of the owner's agencies having a user with one of `foreignCodes`, by foreign code. */
export async function agencyIdsByForeignCode(
  db: Db,
  tenantId: number,
  ownerId: number,
  foreignCodes: string[],
): Promise<Map<string, number[]>> {
  const found = new Map<string, number[]>();
  for (const part of chunks(foreignCodes, IN_CHUNK)) {
    const rows = await db
      .selectFrom('agency_users')
      .innerJoin('agencies', 'agencies.id', 'agency_users.agency_id')
      .select(['agencies.id as id', 'agency_users.foreign_code as foreign_code'])
      .where('agency_users.tenant_id', '=', tenantId)
      .where('agencies.owner_id', '=', ownerId)
      .where('agency_users.foreign_code', 'in', part)
      .execute();
    for (const row of rows) {
      const code = row.foreign_code as string;
      found.set(code, [...(found.get(code) ?? []), row.id]);
    }
  }
  return found;
}

/** Enables or disables the agencies `ids`; returns those whose state it changed. */
export async function setAgenciesEnabled(
  db: Db,
  tenantId: number,
  ids: number[],
  enabled: boolean,
  at: string,
): Promise<number[]> {
  const changed: number[] = [];
  for (const part of chunks(ids, IN_CHUNK)) {
    const rows = await db
      .updateTable('agencies')
      .set({ enabled: enabled ? 1 : 0, updated_at: at })
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', part)
      .where('enabled', '!=', enabled ? 1 : 0)
      .returning('id')
      .execute();
    changed.push(...rows.map((row) => row.id));
  }
  return changed;
}

export async function findAgencyId(
  db: Db,
  tenantId: number,
  ownerId: number,
  code: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('agencies')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('owner_id', '=', ownerId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.id;
}

/** Sets the foreign code of user `login` of agency `agencyId`; returns false when there is no such user. */
export async function setUserForeignCode(
  db: Db,
  tenantId: number,
  agencyId: number,
  login: string,
  foreignCode: string,
): Promise<boolean> {
  const result = await db
    .updateTable('agency_users')
    .set({ foreign_code: foreignCode })
    .where('tenant_id', '=', tenantId)
    .where('agency_id', '=', agencyId)
    .where('login', '=', login)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
