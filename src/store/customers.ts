import type { Insertable, Selectable, Updateable } from 'kysely';
import { compiledInsert } from './compiled-insert.ts';
import { compiledQuery } from './compiled.ts';
import type { Db } from './db.ts';
import { uniqueOrConflict } from './unique.ts';
import type { CustomerDocumentTable, CustomerTable } from './schema/core.ts';
import { chunks } from './chunks.ts';

export type CustomerRow = Selectable<CustomerTable>;

const customerById = compiledQuery(
  (db, tenantId: number, id: number) =>
    db.selectFrom('customers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id),
  2,
);

const documentsOfCustomer = compiledQuery(
  (db, tenantId: number, customerId: number) =>
    db
      .selectFrom('customer_documents')
      .select([
        'id',
        'doc_type',
        'doc_country',
        'doc_number',
        'doc_issuer',
        'doc_issue',
        'doc_expiry',
        'doc_medium',
      ])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customerId)
      .orderBy('id'),
  2,
);

const customerInsert = compiledInsert('customers', 'id');

export async function insertCustomer(db: Db, row: Insertable<CustomerTable>): Promise<number> {
  const [inserted] = await uniqueOrConflict(customerInsert(db, [row]), 'external_id already exists');
  return inserted!.id;
}

/** Returns whether a customer of the tenant was updated. */
export async function updateCustomer(
  db: Db,
  tenantId: number,
  id: number,
  changes: Updateable<CustomerTable>,
): Promise<boolean> {
  const result = await uniqueOrConflict(
    db
      .updateTable('customers')
      .set(changes)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst(),
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

/**
 * A customer and its documents (oldest first): the hottest read of the Zak dialect. Two point queries on
 * statements compiled once cost less than one join whose wide rows must be split apart again.
 */
export async function findCustomerWithDocuments(
  db: Db,
  tenantId: number,
  id: number,
): Promise<{ customer: CustomerRow; documents: DocumentRow[] } | undefined> {
  const [customer] = await customerById(db, tenantId, id);
  if (!customer) return undefined;
  return { customer, documents: await documentsOfCustomer(db, tenantId, id) };
}
