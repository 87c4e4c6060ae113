import { sql, type Kysely } from 'kysely';
import { kindOf } from '../db.ts';

/**
 * Replies stored under an Idempotency-Key (see docs/idempotency.md): one row per tenant and key, written in the
 * transaction of the write it answers. `tenant_id` 0 holds the keys of admin calls that name no tenant (creating
 * one), so it is no foreign key.
 *
 * PostgreSQL also gets a sequence of reservation numbers per tenant, continuing its counter: a keyed `new` takes its
 * number inside the key's transaction, where the counter's row lock would make every booking of the tenant wait
 * for the one before to commit; a sequence holds nothing (store/reservations.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('call', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['tenant_id', 'key'])
    .execute();
  // The background purge deletes by expiry.
  await db.schema
    .createIndex('idempotency_keys_expiry')
    .on('idempotency_keys')
    .column('expires_at')
    .execute();

  if (kindOf(db) !== 'postgres') return;
  const tenants = await sql<{ id: number; last: number | null }>`
    select t.id, c.last from tenants t left join reservation_counters c on c.tenant_id = t.id`.execute(db);
  for (const { id, last } of tenants.rows) {
    const name = sql.id(`reservation_number_${Number(id)}`);
    await sql`create sequence ${name} start with ${sql.lit(Number(last ?? 0) + 1)}`.execute(db);
  }
}
