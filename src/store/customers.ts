import type { Insertable, Updateable } from 'kysely';
import type { Db } from './db.ts';
import type { CustomerTable } from './schema/core.ts';

export interface CustomerRow {
  id: number;
  tenant_id: number;
  name: string;
  surname: string;
  middle_name: string | null;
  email: string | null;
  email_key: string | null;
  phone: string | null;
  phone_key: string | null;
  gender: string | null;
  birthday: string | null;
  birth_country: string | null;
  birth_city: string | null;
  country: string | null;
  residence_country: string | null;
  city: string | null;
  address: string | null;
  zipcode: string | null;
  cf: string | null;
  bill_address: string | null;
  bill_city: string | null;
  bill_zip: string | null;
  bill_country: string | null;
  bill_name: string | null;
  vat_number: string | null;
  external_id: string | null;
  custom_information: string | null;
  accumulated_sales_cents: number;
  send_push: number;
  send_email: number;
  send_sms: number;
  group_id: number | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  updated_by: number | null;
}

export async function insertCustomer(db: Db, row: Insertable<CustomerTable>): Promise<number> {
  const inserted = await db.insertInto('customers').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Returns whether a customer of the tenant was updated. */
export async function updateCustomer(
  db: Db,
  tenantId: number,
  id: number,
  changes: Updateable<CustomerTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('customers')
    .set(changes)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findCustomer(db: Db, tenantId: number, id: number): Promise<CustomerRow | undefined> {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}
