import type { Kysely } from 'kysely';
import { withId } from './portable.ts';

/** The notes and payments of reservations (Zak's `/kapi/notes/*`, `/kapi/payments/*`) and the amount paid. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('reservation_notes'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('reservation_id', 'integer', (c) =>
      c.notNull().references('reservations.id').onDelete('cascade'),
    )
    .addColumn('remarks', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reservation_notes_reservation')
    .on('reservation_notes')
    .columns(['tenant_id', 'reservation_id'])
    .execute();

  await withId(db, db.schema.createTable('reservation_payments'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('reservation_id', 'integer', (c) =>
      c.notNull().references('reservations.id').onDelete('cascade'),
    )
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('pay_type', 'text', (c) => c.notNull())
    .addColumn('remarks', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reservation_payments_reservation')
    .on('reservation_payments')
    .columns(['tenant_id', 'reservation_id'])
    .execute();

  await db.schema
    .alterTable('reservations')
    .addColumn('paid_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('reservations').dropColumn('paid_cents').execute();
  await db.schema.dropTable('reservation_payments').execute();
  await db.schema.dropTable('reservation_notes').execute();
}
