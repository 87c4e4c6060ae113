import type { Kysely } from 'kysely';

/**
 * A stored Idempotency-Key reply is encrypted like an identity document (an admin customer reply carries the
 * customer's documents in clear): `body_key_id` names the data key that sealed `body`. Replies stored before this
 * stay in clear with no key id, and expire as any other.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('idempotency_keys').addColumn('body_key_id', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('idempotency_keys').dropColumn('body_key_id').execute();
}
