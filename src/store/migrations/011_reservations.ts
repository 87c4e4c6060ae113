import type { Kysely } from 'kysely';
import { withId } from './portable.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reservation_counters')
    .addColumn('tenant_id', 'integer', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('reservations'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('booker', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('expiration_date', 'text')
    .addColumn('board', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('cpolicy', 'text', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_status_at', 'text')
    .addColumn('arrival', 'text', (c) => c.notNull())
    .addColumn('departure', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('vat_rooms_bp', 'integer', (c) => c.notNull())
    .addColumn('tax_cents', 'bigint')
    .addColumn('extras_cents', 'bigint', (c) => c.notNull())
    .addColumn('extras_vat_cents', 'bigint', (c) => c.notNull())
    .addColumn('meals_cents', 'bigint', (c) => c.notNull())
    .addColumn('meals_vat_cents', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('reservations_code', ['tenant_id', 'code'])
    .execute();
  // The pager walks by id inside each filter, so every filter column is indexed together with id.
  for (const column of ['id', 'arrival', 'departure', 'created_on']) {
    await db.schema
      .createIndex(`reservations_${column}`)
      .on('reservations')
      .columns(column === 'id' ? ['tenant_id', 'id'] : ['tenant_id', column, 'id'])
      .execute();
  }

  await withId(db, db.schema.createTable('reservation_rooms'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('reservation_id', 'integer', (c) => c.notNull().references('reservations.id'))
    .addColumn('room_id', 'integer', (c) => c.notNull())
    .addColumn('room_type_id', 'integer', (c) => c.notNull())
    .addColumn('dfrom', 'text', (c) => c.notNull())
    .addColumn('dto', 'text', (c) => c.notNull())
    .addColumn('adults', 'integer', (c) => c.notNull())
    .addColumn('teens', 'integer', (c) => c.notNull())
    .addColumn('children', 'integer', (c) => c.notNull())
    .addColumn('babies', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'integer')
    .addColumn('rate_id', 'integer')
    .addColumn('price_cents', 'bigint', (c) => c.notNull())
    .addColumn('vat_cents', 'bigint', (c) => c.notNull())
    .addColumn('door_code', 'text')
    .execute();
  await db.schema
    .createIndex('reservation_rooms_reservation')
    .on('reservation_rooms')
    .columns(['reservation_id'])
    .execute();

  // The overbooking guarantee: a physical room has at most one row per night, whatever process inserts it.
  await db.schema
    .createTable('room_nights')
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('room_id', 'integer', (c) => c.notNull())
    .addColumn('night', 'text', (c) => c.notNull())
    .addColumn('reservation_id', 'integer', (c) => c.notNull().references('reservations.id'))
    .addPrimaryKeyConstraint('room_nights_pk', ['tenant_id', 'room_id', 'night'])
    .execute();
  await db.schema
    .createIndex('room_nights_reservation')
    .on('room_nights')
    .columns(['reservation_id'])
    .execute();

  await withId(db, db.schema.createTable('room_customers'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('reservation_id', 'integer', (c) => c.notNull().references('reservations.id'))
    .addColumn('reservation_room_id', 'integer', (c) => c.notNull().references('reservation_rooms.id'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('checkin', 'text')
    .addColumn('checkout', 'text')
    .addUniqueConstraint('room_customers_once', ['reservation_room_id', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('room_customers_reservation')
    .on('room_customers')
    .columns(['reservation_id'])
    .execute();

  await withId(db, db.schema.createTable('meals'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('reservation_id', 'integer', (c) => c.notNull().references('reservations.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('mtype', 'text', (c) => c.notNull())
    .addColumn('mnumber', 'integer', (c) => c.notNull())
    .addColumn('times', 'integer', (c) => c.notNull())
    .addColumn('total_cents', 'bigint', (c) => c.notNull())
    .addColumn('vat_cents', 'bigint', (c) => c.notNull())
    .addColumn('vat_bp', 'integer', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meals_reservation').on('meals').columns(['reservation_id']).execute();

  await withId(db, db.schema.createTable('reservation_extras'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('reservation_id', 'integer', (c) => c.notNull().references('reservations.id'))
    .addColumn('extra_id', 'integer')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('daily', 'integer', (c) => c.notNull())
    .addColumn('day', 'text')
    .addColumn('total_cents', 'bigint', (c) => c.notNull())
    .addColumn('vat_cents', 'bigint', (c) => c.notNull())
    .addColumn('vat_bp', 'integer', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reservation_extras_reservation')
    .on('reservation_extras')
    .columns(['reservation_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    'reservation_extras',
    'meals',
    'room_customers',
    'room_nights',
    'reservation_rooms',
    'reservations',
    'reservation_counters',
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
}
