import type { Insertable } from 'kysely';
import type { Db } from './db.ts';
import type { CustomerDocumentTable } from './schema/core.ts';

/** Inserts a document, replacing the customer's document of the same type and number. */
export async function upsertDocument(db: Db, row: Insertable<CustomerDocumentTable>): Promise<void> {
  await db
    .insertInto('customer_documents')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['customer_id', 'doc_type', 'doc_number']).doUpdateSet((eb) => ({
        doc_country: eb.ref('excluded.doc_country'),
        doc_issuer: eb.ref('excluded.doc_issuer'),
        doc_issue: eb.ref('excluded.doc_issue'),
        doc_expiry: eb.ref('excluded.doc_expiry'),
        doc_medium: eb.ref('excluded.doc_medium'),
      })),
    )
    .execute();
}
