import type { Kysely } from 'kysely';

/**
 * A customer's documents in id order from the index alone: `fetch_one` reads them joined to the customer, and the
 * identity constraint's (customer_id, doc_type, doc_number) index found them but left them to be sorted by id on
 * every read (docs/benchmarks.md, issue 18).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('customer_documents_customer')
    .on('customer_documents')
    .columns(['customer_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('customer_documents_customer').execute();
}
