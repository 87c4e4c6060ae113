import type { Db } from './db.ts';

/** Tenant dictionaries of named entries (customer groups, card types): `id`, `tenant_id`, unique `name`. */
export type NamedTable = 'customer_groups' | 'card_types';

export async function namedEntryExists(
  db: Db,
  table: NamedTable,
  tenantId: number,
  id: number,
): Promise<boolean> {
  const row = await db
    .selectFrom(table as 'card_types')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/** The id of the tenant's entry called `name`, created when missing (safe against a concurrent creation). */
export async function findOrCreateNamedEntry(
  db: Db,
  table: NamedTable,
  tenantId: number,
  name: string,
): Promise<number> {
  await db
    .insertInto(table as 'card_types')
    .values({ tenant_id: tenantId, name })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
    .execute();
  const row = await db
    .selectFrom(table as 'card_types')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}
