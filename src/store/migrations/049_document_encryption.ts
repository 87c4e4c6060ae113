import type { Kysely } from 'kysely';

/**
 * Identity documents encrypted at rest: `doc_number_enc` holds the number encrypted (and `doc_issuer`, `doc_medium`
 * hold theirs), `data_key_id` the key that did it, and `doc_number` becomes the number's blind index (an HMAC), which
 * keeps the identity constraint and the look-up index working without a number in clear. Existing rows stay plain
 * (`data_key_id` null) until the server's first start encrypts them (core/documents.ts, `sealDocuments`): the key
 * comes from the configuration, which a migration does not read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customer_documents').addColumn('doc_number_enc', 'text').execute();
  await db.schema.alterTable('customer_documents').addColumn('data_key_id', 'integer').execute();
  await db.schema
    .createIndex('customer_documents_key')
    .on('customer_documents')
    .columns(['data_key_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('customer_documents_key').execute();
  await db.schema.alterTable('customer_documents').dropColumn('data_key_id').execute();
  await db.schema.alterTable('customer_documents').dropColumn('doc_number_enc').execute();
}
