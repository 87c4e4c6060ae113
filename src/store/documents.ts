import type { Insertable, Selectable } from 'kysely';
import type { Db } from './db.ts';
import type { CustomerDocumentTable } from './schema/core.ts';
import { referenceOrGone } from './unique.ts';

/** Inserts a document, replacing the customer's document of the same type and number (its blind index). */
export async function upsertDocument(db: Db, row: Insertable<CustomerDocumentTable>): Promise<void> {
  const write = db
    .insertInto('customer_documents')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['customer_id', 'doc_type', 'doc_number']).doUpdateSet((eb) => ({
        doc_country: eb.ref('excluded.doc_country'),
        doc_issuer: eb.ref('excluded.doc_issuer'),
        doc_issue: eb.ref('excluded.doc_issue'),
        doc_expiry: eb.ref('excluded.doc_expiry'),
        doc_medium: eb.ref('excluded.doc_medium'),
        doc_number_enc: eb.ref('excluded.doc_number_enc'),
        data_key_id: eb.ref('excluded.data_key_id'),
      })),
    )
    .execute();
  await referenceOrGone(write, 'customer_not_found', 'customer not found');
}

export type SealableDocument = Pick<
  Selectable<CustomerDocumentTable>,
  'id' | 'tenant_id' | 'doc_number' | 'doc_number_enc' | 'doc_issuer' | 'doc_medium' | 'data_key_id'
>;

/**
 * Documents not (yet) under the key `keyId` (plain ones and those of older keys) after the id `afterId`, in id
 * order: a rotation walks the table once along its primary key instead of scanning past every row it has done.
 */
export async function documentsNotUnder(
  db: Db,
  keyId: number,
  limit: number,
  afterId = 0,
): Promise<SealableDocument[]> {
  return db
    .selectFrom('customer_documents')
    .select(['id', 'tenant_id', 'doc_number', 'doc_number_enc', 'doc_issuer', 'doc_medium', 'data_key_id'])
    .where('id', '>', afterId)
    .where((eb) => eb.or([eb('data_key_id', 'is', null), eb('data_key_id', '!=', keyId)]))
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Writes a document's fields sealed anew, if the row is still as it was read (same key): a concurrent writer's
 * newer row is left alone, and a rerun after an interruption never seals twice.
 */
export async function resealDocument(
  trx: Db,
  before: SealableDocument,
  sealed: Pick<
    SealableDocument,
    'doc_number' | 'doc_number_enc' | 'doc_issuer' | 'doc_medium' | 'data_key_id'
  >,
): Promise<void> {
  await trx
    .updateTable('customer_documents')
    .set(sealed)
    .where('id', '=', before.id)
    .where((eb) =>
      before.data_key_id === null
        ? eb('data_key_id', 'is', null)
        : eb('data_key_id', '=', before.data_key_id),
    )
    .execute();
}

/** The data keys the stored documents were encrypted with. */
export async function documentKeyIds(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('customer_documents')
    .select('data_key_id')
    .distinct()
    .where('data_key_id', 'is not', null)
    .execute();
  return rows.map((r) => r.data_key_id!);
}
