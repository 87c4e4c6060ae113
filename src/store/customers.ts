import type { Insertable, Selectable, Updateable } from 'kysely';
import { jsonArrayFrom as postgresJsonArray } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArray } from 'kysely/helpers/sqlite';
import { preparedInsert, preparedRead } from './prepared.ts';
import { kindOf, type Db } from './db.ts';
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

/** Returns whether a customer of the tenant was updated. */
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

const DOCUMENT_COLUMNS = [
  'd.id',
  'd.doc_type',
  'd.doc_country',
  'd.doc_number',
  'd.doc_issuer',
  'd.doc_issue',
  'd.doc_expiry',
  'd.doc_medium',
  'd.doc_number_enc',
  'd.data_key_id',
] as const;

// One statement, so the hottest read of the Zak dialect takes the database's read lock once, not twice.
const customerWithDocuments = preparedRead(
  'customer_with_documents',
  2,
  (db, tenantId: number, id: number) => {
    const jsonArrayFrom = kindOf(db) === 'postgres' ? postgresJsonArray : sqliteJsonArray;
    return db
      .selectFrom('customers as c')
      .selectAll('c')
      .select((eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('customer_documents as d')
            .select(DOCUMENT_COLUMNS)
            // By the customer alone (its tenant is checked on `c`): with the tenant too, SQLite's planner took the
            // (tenant, number) index and read every document of the tenant for each customer.
            .whereRef('d.customer_id', '=', 'c.id')
            .orderBy('d.id'),
        ).as('documents'),
      )
      .where('c.tenant_id', '=', tenantId)
      .where('c.id', '=', id);
  },
);

/** A customer and its documents (oldest first). */
export async function findCustomerWithDocuments(
  db: Db,
  tenantId: number,
  id: number,
): Promise<{ customer: CustomerRow; documents: DocumentRow[] } | undefined> {
  const [row] = await customerWithDocuments(db, tenantId, id);
  if (!row) return undefined;
  const { documents, ...customer } = row;
  // SQLite hands the aggregated documents back as JSON text, PostgreSQL as parsed JSON.
  const parsed: DocumentRow[] = typeof documents === 'string' ? JSON.parse(documents) : documents;
  return { customer, documents: parsed };
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
