import type { Kysely } from 'kysely';
import { phoneKey } from '../../lib/phone-key.ts';

/** Rows recomputed per batch. */
const BATCH = 5000;

type Loose = Kysely<Record<string, Record<string, string | number | null>>>;

/**
 * A number written with `00` where the tenant's country dials abroad otherwise (`0039 347 …` in a Russian tenant)
 * was keyed by its bare digits (`0039…`), so it matched no other spelling of itself. The key now reads the 00 as
 * `+`; the rows keyed so (an E.164 key never starts with 0) are keyed again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const loose = db as unknown as Loose;
  for (let after = 0; ;) {
    const rows = await loose
      .selectFrom('customers as c')
      .innerJoin('tenants as t', 't.id', 'c.tenant_id')
      .select(['c.id', 'c.phone', 't.country'])
      .where('c.id', '>', after)
      .where('c.phone_key', 'like', '00%')
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

/** The new keys are right under either rule's reading of the spellings that did match: nothing to undo. */
export async function down(): Promise<void> {}
