import type { Kysely } from 'kysely';
import { DEFAULT_PHONE_COUNTRY, phoneKey } from '../../lib/phone-key.ts';

/** Rows recomputed per batch while existing phone keys are rewritten. */
const BATCH = 5000;

type Loose = Kysely<Record<string, Record<string, string | number | null>>>;

/**
 * Each tenant's country, whose rules read the phone numbers written without a country code (RU for the tenants
 * made before: the rules every tenant had), and every stored phone key recomputed with it (E.164 digits).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('tenants')
    .addColumn('country', 'text', (c) => c.notNull().defaultTo(DEFAULT_PHONE_COUNTRY))
    .execute();
  const loose = db as unknown as Loose;
  for (let after = 0; ;) {
    const rows = await loose
      .selectFrom('customers as c')
      .innerJoin('tenants as t', 't.id', 'c.tenant_id')
      .select(['c.id', 'c.phone', 't.country'])
      .where('c.id', '>', after)
      .where('c.phone', 'is not', null)
      .orderBy('c.id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      await loose
        .updateTable('customers')
        .set({ phone_key: phoneKey(String(row.phone), String(row.country)) })
        .where('id', '=', row.id!)
        .execute();
    }
    after = Number(rows.at(-1)!.id);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').dropColumn('country').execute();
}
