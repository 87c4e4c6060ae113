import type { Kysely } from 'kysely';
import { withId } from './portable.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('tenants'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('api_keys'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await withId(db, db.schema.createTable('customer_groups'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('customer_groups_tenant_name', ['tenant_id', 'name'])
    .execute();

  await withId(db, db.schema.createTable('customers'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('surname', 'text', (c) => c.notNull())
    .addColumn('middle_name', 'text')
    .addColumn('email', 'text')
    .addColumn('email_key', 'text')
    .addColumn('phone', 'text')
    .addColumn('phone_key', 'text')
    .addColumn('gender', 'text')
    .addColumn('birthday', 'text')
    .addColumn('birth_country', 'text')
    .addColumn('birth_city', 'text')
    .addColumn('country', 'text')
    .addColumn('residence_country', 'text')
    .addColumn('city', 'text')
    .addColumn('address', 'text')
    .addColumn('zipcode', 'text')
    .addColumn('cf', 'text')
    .addColumn('bill_address', 'text')
    .addColumn('bill_city', 'text')
    .addColumn('bill_zip', 'text')
    .addColumn('bill_country', 'text')
    .addColumn('bill_name', 'text')
    .addColumn('vat_number', 'text')
    .addColumn('external_id', 'text')
    .addColumn('custom_information', 'text')
    .addColumn('accumulated_sales_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('send_push', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('send_email', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('send_sms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('group_id', 'integer', (c) => c.references('customer_groups.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .execute();
  await db.schema.createIndex('customers_tenant_id').on('customers').columns(['tenant_id', 'id']).execute();
  await db.schema
    .createIndex('customers_phone')
    .on('customers')
    .columns(['tenant_id', 'phone_key'])
    .execute();
  await db.schema
    .createIndex('customers_email')
    .on('customers')
    .columns(['tenant_id', 'email_key'])
    .execute();
  await db.schema
    .createIndex('customers_external_id')
    .unique()
    .on('customers')
    .columns(['tenant_id', 'external_id'])
    .execute();

  await withId(db, db.schema.createTable('customer_documents'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('doc_country', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text', (c) => c.notNull())
    .addColumn('doc_issuer', 'text')
    .addColumn('doc_issue', 'text', (c) => c.notNull())
    .addColumn('doc_expiry', 'text', (c) => c.notNull())
    .addColumn('doc_medium', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('customer_documents_identity', ['customer_id', 'doc_type', 'doc_number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['customer_documents', 'customers', 'customer_groups', 'api_keys', 'tenants']) {
    await db.schema.dropTable(table).execute();
  }
}
