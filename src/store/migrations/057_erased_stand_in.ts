import type { Kysely } from 'kysely';

type Loose = Kysely<Record<string, Record<string, string | number | null>>>;

/**
 * `customers.erased_stand_in`: 1 on the anonymous customer an erasure made to hold the erased person's
 * reservations, cards and balances (docs/guest-data.md), which no write may give a person's data again. Until now
 * only the outbox knew them (`customer.erased`, `replaced_by`): those are marked.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('customers')
    .addColumn('erased_stand_in', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  const loose = db as unknown as Loose;
  const erasures = await loose
    .selectFrom('outbox_events')
    .select(['tenant_id', 'data'])
    .where('type', '=', 'customer.erased')
    .execute();
  for (const e of erasures) {
    const standIn = Number((JSON.parse(String(e.data)) as { replaced_by?: unknown }).replaced_by);
    if (!Number.isSafeInteger(standIn)) continue;
    await loose
      .updateTable('customers')
      .set({ erased_stand_in: 1 })
      .where('tenant_id', '=', e.tenant_id!)
      .where('id', '=', standIn)
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customers').dropColumn('erased_stand_in').execute();
}
