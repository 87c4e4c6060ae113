import type { Kysely } from 'kysely';
import { withId } from './portable.ts';

// The agency's fields, grouped by column type, named as on the Netstorming wire.
const REQUIRED_TEXT = [
  'name',
  'address',
  'zip',
  'country',
  'city',
  'mailstaff',
  'notify_lang',
  'telephone',
  'fax',
  'currency',
];
const REQUIRED_FLAGS = ['booking_online', 'blocked_in_deadline', 'credit_card'];
const OPTIONAL_TEXT = [
  'vat',
  'corporatename',
  'mailaccountability',
  'tax_code',
  'sdi_code',
  'accounting',
  'mobile_phone',
  'pec_address',
  'customer_homepage',
  'emergency_number',
  'payment_date',
];
const OPTIONAL_INTEGERS = [
  'markuphotelsweb',
  'markupcarsweb',
  'markuptransfersweb',
  'markuptoursweb',
  'markupgenericservicesweb',
  'force_contextual_payment',
  'prepayment_days',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('owners'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('owners_tenant_code', ['tenant_id', 'code'])
    .execute();

  let agencies = withId(db, db.schema.createTable('agencies'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('owners.id'))
    // Unique across the whole instance: the code names the agency in the vendor's booking protocol.
    .addColumn('code', 'text', (c) => c.notNull().unique());
  for (const column of REQUIRED_TEXT) agencies = agencies.addColumn(column, 'text', (c) => c.notNull());
  for (const column of REQUIRED_FLAGS) agencies = agencies.addColumn(column, 'integer', (c) => c.notNull());
  for (const column of OPTIONAL_TEXT) agencies = agencies.addColumn(column, 'text');
  for (const column of OPTIONAL_INTEGERS) agencies = agencies.addColumn(column, 'integer');
  await agencies
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agencies_owner').on('agencies').columns(['tenant_id', 'owner_id']).execute();

  await withId(db, db.schema.createTable('agency_users'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('foreign_code', 'text')
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Sign-in is agency code + login + password, so a login is unique within its agency only.
    .addUniqueConstraint('agency_users_agency_login', ['agency_id', 'login'])
    .execute();
  await db.schema
    .createIndex('agency_users_foreign_code')
    .on('agency_users')
    .columns(['tenant_id', 'foreign_code'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('agency_users').execute();
  await db.schema.dropTable('agencies').execute();
  await db.schema.dropTable('owners').execute();
}
