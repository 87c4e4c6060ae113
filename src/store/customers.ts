import type { Insertable, Selectable, Updateable } from 'kysely';
import { preparedInsert, preparedRead } from './prepared.ts';
import type { Db } from './db.ts';
import { uniqueOrViolation } from './unique.ts';
import type { CustomerDocumentTable, CustomerTable } from './schema/core.ts';
import { chunks } from './chunks.ts';
import { phoneKey } from '../lib/phone-key.ts';

export type CustomerRow = Selectable<CustomerTable>;

const customerById = preparedRead('customer_by_id', 2, (db, tenantId: number, id: number) =>
  db.selectFrom('customers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id),
);

const customerInsert = preparedInsert('customers', 'id');

export async function insertCustomer(db: Db, row: Insertable<CustomerTable>): Promise<number> {
  const [inserted] = await uniqueOrViolation(
    customerInsert(db, [row]),
    'conflict',
    'external_id already exists',
  );
  return inserted!.id;
}

/**
 * Returns whether a customer of the tenant was updated. An erased person's anonymous customer (`erased_stand_in`)
 * is never: it must not take anyone's data (core/erased-stand-in.ts).
 */
export async function updateCustomer(
  db: Db,
  tenantId: number,
  id: number,
  changes: Updateable<CustomerTable>,
): Promise<boolean> {
  const result = await uniqueOrViolation(
    db
      .updateTable('customers')
      .set(changes)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('erased_stand_in', '=', 0)
      .executeTakeFirst(),
    'conflict',
    'external_id already exists',
  );
  return Number(result.numUpdatedRows) > 0;
}

export async function findCustomer(db: Db, tenantId: number, id: number): Promise<CustomerRow | undefined> {
  const [row] = await customerById(db, tenantId, id);
  return row;
}

/** Inserts many customers in multi-row statements inside one transaction (imports, seeding). */
export async function insertCustomers(db: Db, rows: Insertable<CustomerTable>[], chunk = 500): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const part of chunks(rows, chunk)) await trx.insertInto('customers').values(part).execute();
  });
}

export type DocumentRow = Omit<Selectable<CustomerDocumentTable>, 'tenant_id' | 'customer_id' | 'created_at'>;

/** A document's columns as read beside its customer's: `_d_` keeps them apart from the customer's own. */
const DOCUMENT_COLUMNS = [
  'd.id as _d_id',
  'd.doc_type as _d_doc_type',
  'd.doc_country as _d_doc_country',
  'd.doc_number as _d_doc_number',
  'd.doc_issuer as _d_doc_issuer',
  'd.doc_issue as _d_doc_issue',
  'd.doc_expiry as _d_doc_expiry',
  'd.doc_medium as _d_doc_medium',
  'd.doc_number_enc as _d_doc_number_enc',
  'd.data_key_id as _d_data_key_id',
] as const;

/**
 * The hottest read of the Zak dialect, in one statement (the database's read lock taken once): a row per document,
 * oldest first, in the (customer_id, id) index's order, or one row with null document columns. The documents are
 * joined by customer alone (its tenant is checked on `c`): with the tenant too, SQLite's planner took the
 * (tenant, number) index and read every document of the tenant. In the server these rows beat the documents as JSON
 * aggregated in SQL, a `union all` of the customer's row and the documents', and two statements (docs/benchmarks.md,
 * issue 18).
 */
const customerWithDocuments = preparedRead('customer_with_documents', 2, (db, tenantId: number, id: number) =>
  db
    .selectFrom('customers as c')
    .leftJoin('customer_documents as d', 'd.customer_id', 'c.id')
    .selectAll('c')
    .select(DOCUMENT_COLUMNS)
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', '=', id)
    .orderBy('d.id'),
);

/** A customer and its documents (oldest first). */
export async function findCustomerWithDocuments(
  db: Db,
  tenantId: number,
  id: number,
): Promise<{ customer: CustomerRow; documents: DocumentRow[] } | undefined> {
  const rows = await customerWithDocuments(db, tenantId, id);
  if (rows.length === 0) return undefined;
  const customer = customerOf(rows[0]!);
  const documents: DocumentRow[] = [];
  if (rows[0]!._d_id !== null)
    for (const r of rows)
      documents.push({
        id: r._d_id!,
        doc_type: r._d_doc_type!,
        doc_country: r._d_doc_country!,
        doc_number: r._d_doc_number!,
        doc_issuer: r._d_doc_issuer,
        doc_issue: r._d_doc_issue!,
        doc_expiry: r._d_doc_expiry!,
        doc_medium: r._d_doc_medium,
        doc_number_enc: r._d_doc_number_enc,
        data_key_id: r._d_data_key_id,
      });
  return { customer, documents };
}

type CustomerWithDocumentRow = Awaited<ReturnType<typeof customerWithDocuments>>[number];

// Spelled out rather than spread: a rest copy of the joined row cost a few per cent of a whole `fetch_one`.
function customerOf(r: CustomerWithDocumentRow): CustomerRow {
  return {
    id: r.id,
    tenant_id: r.tenant_id,
    name: r.name,
    surname: r.surname,
    middle_name: r.middle_name,
    name_key: r.name_key,
    surname_key: r.surname_key,
    email: r.email,
    email_key: r.email_key,
    phone: r.phone,
    phone_key: r.phone_key,
    gender: r.gender,
    birthday: r.birthday,
    birth_country: r.birth_country,
    birth_city: r.birth_city,
    country: r.country,
    residence_country: r.residence_country,
    city: r.city,
    address: r.address,
    zipcode: r.zipcode,
    cf: r.cf,
    bill_address: r.bill_address,
    bill_city: r.bill_city,
    bill_zip: r.bill_zip,
    bill_country: r.bill_country,
    bill_name: r.bill_name,
    vat_number: r.vat_number,
    external_id: r.external_id,
    custom_information: r.custom_information,
    accumulated_sales_cents: r.accumulated_sales_cents,
    send_push: r.send_push,
    send_email: r.send_email,
    send_sms: r.send_sms,
    group_id: r.group_id,
    created_at: r.created_at,
    created_by: r.created_by,
    updated_at: r.updated_at,
    updated_by: r.updated_by,
  };
}

/**
 * Inside the caller's transaction: recomputes the phone keys of the tenant's customers under the tenant's new
 * country (a number written without a country code now reads with that country's rules).
 */
export async function rekeyPhones(trx: Db, tenantId: number, country: string): Promise<void> {
  for (let after = 0; ;) {
    const rows = await trx
      .selectFrom('customers')
      .select(['id', 'phone'])
      .where('tenant_id', '=', tenantId)
      .where('phone', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) {
      await trx
        .updateTable('customers')
        .set({ phone_key: phoneKey(row.phone, country) })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', row.id)
        .execute();
    }
    after = rows.at(-1)!.id;
  }
}
