import type { Kysely } from 'kysely';
import { withBigId, withId } from './portable.ts';

/**
 * The integrator's sandbox (docs/sandbox.md): each tenant's clock, its fault rules and its request journal. They
 * live in the store so that every node over one database sees the same ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per tenant whose clock is not the real one: a pinned day, or a shift of whole days.
  await db.schema
    .createTable('sandbox_clocks')
    .addColumn('tenant_id', 'integer', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('today', 'text')
    .addColumn('offset_days', 'integer')
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('sandbox_faults'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('call', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('probability', 'double precision', (c) => c.notNull())
    // How many more requests the rule may fault; null: without end. Taken one at a time by an atomic update.
    .addColumn('times_left', 'integer')
    .addColumn('reset', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sandbox_faults_tenant').on('sandbox_faults').column('tenant_id').execute();

  await withBigId(db, db.schema.createTable('request_journal'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('dialect', 'text', (c) => c.notNull())
    .addColumn('call', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'double precision', (c) => c.notNull())
    .addColumn('request_body', 'text')
    .addColumn('reply_body', 'text')
    .execute();
  await db.schema
    .createIndex('request_journal_tenant')
    .on('request_journal')
    .columns(['tenant_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('request_journal').execute();
  await db.schema.dropTable('sandbox_faults').execute();
  await db.schema.dropTable('sandbox_clocks').execute();
}
