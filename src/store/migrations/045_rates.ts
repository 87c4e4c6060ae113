import type { Kysely } from 'kysely';

/**
 * Rates (price plans), their day values per product, and the meal-board price list: Zak's `property/fetch_rates`,
 * `inventory/fetch_rate_values` and `property/fetch_meals_board`. Ids come from the inventory file.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rates')
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('board', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('standard', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rates_pk', ['tenant_id', 'id'])
    .execute();

  // One row per product and night: a stay's prices and rules are one range read on the primary key.
  await db.schema
    .createTable('rate_values')
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('product_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('price_cents', 'bigint', (c) => c.notNull())
    .addColumn('min_stay', 'integer', (c) => c.notNull())
    .addColumn('max_stay', 'integer', (c) => c.notNull())
    .addColumn('closed', 'integer', (c) => c.notNull())
    .addColumn('closed_arrival', 'integer', (c) => c.notNull())
    .addColumn('closed_departure', 'integer', (c) => c.notNull())
    .addColumn('availability', 'integer')
    .addPrimaryKeyConstraint('rate_values_pk', ['tenant_id', 'product_id', 'day'])
    .execute();

  await db.schema
    .createTable('meal_boards')
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('board', 'text', (c) => c.notNull())
    .addColumn('dfrom', 'text', (c) => c.notNull())
    .addColumn('dto', 'text', (c) => c.notNull())
    .addColumn('adults_cents', 'bigint', (c) => c.notNull())
    .addColumn('teens_cents', 'bigint', (c) => c.notNull())
    .addColumn('children_cents', 'bigint', (c) => c.notNull())
    .addColumn('babies_cents', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('meal_boards_pk', ['tenant_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['meal_boards', 'rate_values', 'rates']) await db.schema.dropTable(table).execute();
}
