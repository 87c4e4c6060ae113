import type { Kysely } from 'kysely';

/** The property's inventory: ids come from the tenant's inventory file, so (tenant_id, id) is the key. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('room_types')
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('shortname', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('price_cents', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('room_types_pk', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('rooms')
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('room_type_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rooms_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('rooms_type')
    .on('rooms')
    .columns(['tenant_id', 'room_type_id', 'id'])
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('room_type_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('master', 'integer', (c) => c.notNull())
    .addColumn('rate_id', 'integer', (c) => c.notNull())
    .addColumn('price_cents', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('products_pk', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('extras')
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('price_cents', 'bigint', (c) => c.notNull())
    .addColumn('vat_bp', 'integer')
    .addPrimaryKeyConstraint('extras_pk', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('property_settings')
    .addColumn('tenant_id', 'integer', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('vat_rooms_bp', 'integer', (c) => c.notNull())
    .addColumn('vat_meals_bp', 'integer', (c) => c.notNull())
    .addColumn('vat_extras_bp', 'integer', (c) => c.notNull())
    .addColumn('tourist_tax_cents', 'bigint')
    .addColumn('tourist_tax_max_nights', 'integer')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['property_settings', 'extras', 'products', 'rooms', 'room_types']) {
    await db.schema.dropTable(table).execute();
  }
}
