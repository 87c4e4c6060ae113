import { sql, type Kysely } from 'kysely';
import { kindOf } from '../db.ts';

/**
 * The admin API's customer search (`?q=`): a name or surname by its lower-cased prefix, and a document by its
 * number, each through an index (both stores index the expression `lower(...)`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Byte order on PostgreSQL too, whatever the database's collation: a prefix is then exactly a range.
  const key = (column: string) =>
    kindOf(db) === 'postgres' ? sql.raw(`(lower(${column}) collate "C")`) : sql.raw(`lower(${column})`);
  await sql`create index customers_surname_lower on customers (tenant_id, ${key('surname')}, id)`.execute(db);
  await sql`create index customers_name_lower on customers (tenant_id, ${key('name')}, id)`.execute(db);
  await db.schema
    .createIndex('customer_documents_number')
    .on('customer_documents')
    .columns(['tenant_id', 'doc_number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['customer_documents_number', 'customers_name_lower', 'customers_surname_lower']) {
    await db.schema.dropIndex(index).execute();
  }
}
