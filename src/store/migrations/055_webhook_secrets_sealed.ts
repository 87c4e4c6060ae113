import type { Kysely } from 'kysely';

/**
 * A webhook's signing secret is sealed with the data key, as identity documents are: `secret` holds the sealed text
 * and `secret_key_id` the data key that sealed it. A migration has no key, so the rows written before this keep
 * their secret in clear with no key id; the next start seals them (core/document-keys.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('webhooks').addColumn('secret_key_id', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('webhooks').dropColumn('secret_key_id').execute();
}
