import { sql, type Kysely } from 'kysely';
import { kindOf } from '../db.ts';

/** Rows back-filled per statement pair while the keys of existing customers are computed. */
const BATCH = 5000;

/**
 * The admin API's customer search (`?q=`): a name or surname by a prefix of its search key, and a document by its
 * number, each through an index. The keys are lower-cased by the core (JavaScript's Unicode rules, so `Иванов` is
 * found by `иванов` on both stores, which SQLite's own `lower()` would not do) and compared in byte order on
 * both stores (`collate "C"` on PostgreSQL), so that a prefix is exactly a range.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = kindOf(db) === 'postgres';
  for (const column of ['name_key', 'surname_key']) {
    await db.schema
      .alterTable('customers')
      .addColumn(column, 'text', (c) => (postgres ? c.modifyEnd(sql`collate "C"`) : c))
      .execute();
  }
  const loose = db as unknown as Kysely<Record<string, Record<string, string | number | null>>>;
  for (let after = 0; ;) {
    const rows = await loose
      .selectFrom('customers')
      .select(['id', 'name', 'surname'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      await loose
        .updateTable('customers')
        .set({
          name_key: String(row.name).trim().toLowerCase(),
          surname_key: String(row.surname).trim().toLowerCase(),
        })
        .where('id', '=', row.id!)
        .execute();
    }
    after = Number(rows.at(-1)!.id);
  }
  await db.schema
    .createIndex('customers_surname_key')
    .on('customers')
    .columns(['tenant_id', 'surname_key', 'id'])
    .execute();
  await db.schema
    .createIndex('customers_name_key')
    .on('customers')
    .columns(['tenant_id', 'name_key', 'id'])
    .execute();
  await db.schema
    .createIndex('customer_documents_number')
    .on('customer_documents')
    .columns(['tenant_id', 'doc_number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['customer_documents_number', 'customers_name_key', 'customers_surname_key']) {
    await db.schema.dropIndex(index).execute();
  }
  for (const column of ['surname_key', 'name_key']) {
    await db.schema.alterTable('customers').dropColumn(column).execute();
  }
}
