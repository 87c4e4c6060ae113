import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
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

/** A document's fields, in the order of the positional array each is read as. */
const DOCUMENT_FIELDS = [
  'id',
  'doc_type',
  'doc_country',
  'doc_number',
  'doc_issuer',
  'doc_issue',
  'doc_expiry',
  'doc_medium',
  'doc_number_enc',
  'data_key_id',
] as const satisfies ReadonlyArray<keyof DocumentRow>;

/**
 * A customer's documents as one JSON array of positional arrays (oldest first): no field names repeated in every
 * document, and on PostgreSQL no row-to-JSON conversion, which made a customer with two documents cost a tenth
 * more to read than one with none.
 */
function documentsOf(db: Db) {
  const fields = sql.join(DOCUMENT_FIELDS.map((f) => sql.ref(`d.${f}`)));
  // By the customer alone (its tenant is checked on `c`): with the tenant too, SQLite's planner took the
  // (tenant, number) index and read every document of the tenant for each customer.
  return kindOf(db) === 'postgres'
    ? sql<unknown>`(select coalesce(json_agg(json_build_array(${fields}) order by "d"."id"), '[]') from "customer_documents" as "d" where "d"."customer_id" = "c"."id")`
    : sql<unknown>`(select coalesce(json_group_array(json_array(${fields})), '[]') from (select * from "customer_documents" as "d" where "d"."customer_id" = "c"."id" order by "d"."id") as "d")`;
}

// One statement, so the hottest read of the Zak dialect takes the database's read lock once, not twice.
const customerWithDocuments = preparedRead('customer_with_documents', 2, (db, tenantId: number, id: number) =>
  db
    .selectFrom('customers as c')
    .selectAll('c')
    .select(documentsOf(db).as('documents'))
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', '=', id),
);

/** A document as read: its fields' values in the order of DOCUMENT_FIELDS. */
type DocumentValues = [
  DocumentRow['id'],
  DocumentRow['doc_type'],
  DocumentRow['doc_country'],
  DocumentRow['doc_number'],
  DocumentRow['doc_issuer'],
  DocumentRow['doc_issue'],
  DocumentRow['doc_expiry'],
  DocumentRow['doc_medium'],
  DocumentRow['doc_number_enc'],
  DocumentRow['data_key_id'],
];

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
  const values = (typeof documents === 'string' ? JSON.parse(documents) : documents) as DocumentValues[];
  return { customer, documents: values.map(documentOf) };
}

function documentOf(v: DocumentValues): DocumentRow {
  return {
    id: v[0],
    doc_type: v[1],
    doc_country: v[2],
    doc_number: v[3],
    doc_issuer: v[4],
    doc_issue: v[5],
    doc_expiry: v[6],
    doc_medium: v[7],
    doc_number_enc: v[8],
    data_key_id: v[9],
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
