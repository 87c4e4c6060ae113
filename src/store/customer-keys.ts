import type { Db } from './db.ts';

/** The id of the tenant's customer with this external id. */
export async function findCustomerIdByExternalId(
  db: Db,
  tenantId: number,
  externalId: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('customers')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row?.id;
}

export async function customerExists(db: Db, tenantId: number, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('customers')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}
