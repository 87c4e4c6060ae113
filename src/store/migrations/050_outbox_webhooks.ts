import { sql, type Kysely } from 'kysely';
import { withBigId, withId } from './portable.ts';

/**
 * The transactional outbox (an event row appended by each write, in the write's transaction), the tenants'
 * webhooks and the deliveries of events to them (see docs/webhooks.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withBigId(db, db.schema.createTable('outbox_events'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('dispatched', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Only the events not yet handed to webhooks are indexed: the sender's scan stays small as the outbox grows.
  await db.schema
    .createIndex('outbox_events_undispatched')
    .on('outbox_events')
    .column('id')
    .where(sql<boolean>`dispatched = 0`)
    .execute();

  await withId(db, db.schema.createTable('webhooks'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('events', 'text')
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .execute();
  await db.schema.createIndex('webhooks_tenant').on('webhooks').column('tenant_id').execute();

  await withBigId(db, db.schema.createTable('webhook_deliveries'))
    .addColumn('webhook_id', 'integer', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('event_id', 'bigint', (c) => c.notNull().references('outbox_events.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_queue')
    .on('webhook_deliveries')
    .columns(['webhook_id', 'status', 'id'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_tenant')
    .on('webhook_deliveries')
    .columns(['tenant_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhooks').execute();
  await db.schema.dropTable('outbox_events').execute();
}
