import type { Insertable, Selectable, Updateable } from 'kysely';
import { compiledQuery } from './compiled.ts';
import type { Db } from './db.ts';
import type { CustomerTable } from './schema/core.ts';

export type CustomerRow = Selectable<CustomerTable>;

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

/** Inserts many customers in multi-row statements inside one transaction (imports, seeding). */
export async function insertCustomers(db: Db, rows: Insertable<CustomerTable>[], chunk = 500): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += chunk) {
      await trx
        .insertInto('customers')
        .values(rows.slice(i, i + chunk))
        .execute();
    }
  });
}

export interface DocumentRow {
  id: number;
  doc_type: string;
  doc_country: string;
  doc_number: string;
  doc_issuer: string | null;
  doc_issue: string;
  doc_expiry: string;
  doc_medium: string | null;
}

const customerWithDocuments = compiledQuery(
  (db, tenantId: number, id: number) =>
    db
      .selectFrom('customers as c')
      .leftJoin('customer_documents as d', 'd.customer_id', 'c.id')
      .selectAll('c')
      .select([
        'd.id as doc_id',
        'd.doc_type',
        'd.doc_country',
        'd.doc_number',
        'd.doc_issuer',
        'd.doc_issue',
        'd.doc_expiry',
        'd.doc_medium',
      ])
      .where('c.tenant_id', '=', tenantId)
      .where('c.id', '=', id)
      .orderBy('d.id'),
  2,
);

/** A customer and its documents (oldest first) in one round trip: the hottest read of the Zak dialect. */
export async function findCustomerWithDocuments(
  db: Db,
  tenantId: number,
  id: number,
): Promise<{ customer: CustomerRow; documents: DocumentRow[] } | undefined> {
  const rows = await customerWithDocuments(db, tenantId, id);
  const first = rows[0];
  if (!first) return undefined;
  const {
    doc_id: _id,
    doc_type: _t,
    doc_country: _c,
    doc_number: _n,
    doc_issuer: _i,
    doc_issue: _s,
    doc_expiry: _e,
    doc_medium: _m,
    ...customer
  } = first;
  const documents = rows
    .filter((r) => r.doc_id !== null)
    .map((r) => ({
      id: r.doc_id as number,
      doc_type: r.doc_type as string,
      doc_country: r.doc_country as string,
      doc_number: r.doc_number as string,
      doc_issuer: r.doc_issuer,
      doc_issue: r.doc_issue as string,
      doc_expiry: r.doc_expiry as string,
      doc_medium: r.doc_medium,
    }));
  return { customer, documents };
}
