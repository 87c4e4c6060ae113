import type { Selectable } from 'kysely';
import type { Db } from './db.ts';
import type { OwnerTable } from './schema/agencies.ts';

export type OwnerRow = Selectable<OwnerTable>;

export async function insertOwner(db: Db, owner: Omit<OwnerRow, 'id'>): Promise<OwnerRow> {
  return db.insertInto('owners').values(owner).returningAll().executeTakeFirstOrThrow();
}

export async function findOwnerByCode(db: Db, tenantId: number, code: string): Promise<OwnerRow | undefined> {
  return db
    .selectFrom('owners')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The owners of one tenant, or of every tenant (for the operator's CLI) when `tenantId` is undefined. */
export async function listOwners(db: Db, tenantId?: number): Promise<OwnerRow[]> {
  let query = db.selectFrom('owners').selectAll();
  if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
  return query.orderBy('tenant_id').orderBy('code').execute();
}
