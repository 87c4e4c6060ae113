import type { Kysely } from 'kysely';
import { withId } from './portable.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('card_types'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('card_types_tenant_name', ['tenant_id', 'name'])
    .execute();

  await withId(db, db.schema.createTable('discount_cards'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('type_id', 'integer', (c) => c.references('card_types.id'))
    .addColumn('uid', 'text')
    .addColumn('uid_ean13', 'text')
    .addColumn('barcode', 'text')
    .addColumn('external_id', 'text')
    .addColumn('medium', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('block_date', 'text')
    .addColumn('activate_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // NULLs never collide in a unique index (SQLite and PostgreSQL alike): a card may lack any of these keys.
  for (const column of ['uid', 'barcode', 'external_id']) {
    await db.schema
      .createIndex(`discount_cards_${column}`)
      .unique()
      .on('discount_cards')
      .columns(['tenant_id', column])
      .execute();
  }
  await db.schema
    .createIndex('discount_cards_customer')
    .on('discount_cards')
    .columns(['tenant_id', 'customer_id'])
    .execute();

  await db.schema
    .alterTable('customers')
    .addColumn('bonus_balance_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customers').dropColumn('bonus_balance_cents').execute();
  await db.schema.dropTable('discount_cards').execute();
  await db.schema.dropTable('card_types').execute();
}
