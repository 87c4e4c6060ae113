import { inTransaction } from '../store/transaction.ts';
import type { Db } from '../store/db.ts';
import * as store from '../store/documents.ts';
import { blindIndex, currentKeyId, open, seal } from './data-keys.ts';
import { RecentlyVerified } from './recent.ts';

// Identity documents at rest: the number, issuer and medium encrypted with the current data key, the number's
// blind index in `doc_number` (for the identity constraint and look-ups), the key id on the row.

interface PlainFields {
  doc_number: string;
  doc_issuer: string | null;
  doc_medium: string | null;
}

interface StoredFields {
  doc_number: string;
  doc_number_enc: string | null;
  doc_issuer: string | null;
  doc_medium: string | null;
  data_key_id: number | null;
}

/** The stored form of a document's identifying fields. */
export function sealFields(tenantId: number, doc: PlainFields): StoredFields {
  const number = seal(tenantId, doc.doc_number);
  const sealed = (text: string | null) => (text === null ? null : seal(tenantId, text).value);
  return {
    doc_number: blindIndex(tenantId, doc.doc_number),
    doc_number_enc: number.value,
    doc_issuer: sealed(doc.doc_issuer),
    doc_medium: sealed(doc.doc_medium),
    data_key_id: number.keyId,
  };
}

/** A document opened: who it was opened for, from which stored values, into what. */
interface Opened {
  tenantId: number;
  from: StoredFields;
  plain: PlainFields;
}

/**
 * Documents opened lately, by row id: a decryption costs about 6 µs (most of it making the cipher), and a guest's
 * documents are read again and again while they stay, so the memo keeps `fetch_one` of a customer with documents
 * near one without (docs/benchmarks.md). An entry serves only the tenant, key and ciphertexts it was opened from:
 * a changed row (a new value has a new random IV) or a value copied into another tenant's row misses, and is
 * decrypted, or refused, as it would be uncached. Keyed by the row's id, a look-up hashes an integer and compares
 * three strings; keyed by each ciphertext, it hashed every freshly read value, about 0.4 µs each. It lives in this
 * process's memory only, where the keys that decrypt everything already are; it holds 10,000 documents for ten
 * minutes each at most (`RecentlyVerified`), and an erasure empties it.
 */
const opened = new RecentlyVerified<Opened, number>(10 * 60_000, 10_000);

/** Forgets every document opened so far (after an erasure: its plaintexts must not outlive its rows). */
export function forgetOpened(): void {
  opened.clear();
}

const sameStored = (a: StoredFields, b: StoredFields) =>
  a.data_key_id === b.data_key_id &&
  a.doc_number_enc === b.doc_number_enc &&
  a.doc_issuer === b.doc_issuer &&
  a.doc_medium === b.doc_medium;

/** A stored document's identifying fields in clear (a row from before encryption is already clear). */
export function openFields(tenantId: number, row: StoredFields & { id: number }): PlainFields {
  const { data_key_id: keyId, doc_number_enc: number } = row;
  if (keyId === null || number === null)
    return { doc_number: row.doc_number, doc_issuer: row.doc_issuer, doc_medium: row.doc_medium };
  const known = opened.get(row.id);
  if (known && known.tenantId === tenantId && sameStored(known.from, row)) return known.plain;
  const plain = {
    doc_number: open(tenantId, keyId, number),
    doc_issuer: row.doc_issuer === null ? null : open(tenantId, keyId, row.doc_issuer),
    doc_medium: row.doc_medium === null ? null : open(tenantId, keyId, row.doc_medium),
  };
  // The stored values copied: `row` may be a caller's object, changed after this.
  const from = {
    doc_number: row.doc_number,
    doc_number_enc: number,
    doc_issuer: row.doc_issuer,
    doc_medium: row.doc_medium,
    data_key_id: keyId,
  };
  opened.remember(row.id, { tenantId, from, plain });
  return plain;
}

/**
 * Why a stored document row, from outside the store (a snapshot), would not open as this tenant's here, or
 * undefined when it does: each sealed value must decrypt with a key of this store's file, bound to this tenant, and
 * `doc_number` must be the number's blind index under this store's index key. A row that does not would answer
 * every later read of its customer with a server error, and a search by number would miss it.
 */
export function unopenable(tenantId: number, row: Record<string, unknown>): string | undefined {
  const { data_key_id: keyId, doc_number_enc: number, doc_issuer: issuer, doc_medium: medium } = row;
  const text = (v: unknown) => typeof v === 'string';
  if (typeof keyId !== 'number' || !text(number) || !(issuer === null || text(issuer)))
    return 'it is not sealed with a data key';
  if (!(medium === null || medium === undefined || text(medium))) return 'it is not sealed with a data key';
  try {
    for (const value of [number, issuer, medium]) if (typeof value === 'string') open(tenantId, keyId, value);
    if (blindIndex(tenantId, open(tenantId, keyId, number as string)) !== row.doc_number)
      return "its doc_number is not the number's blind index under this store's key";
  } catch {
    return `it does not open with data key ${keyId} of this store for tenant ${tenantId}`;
  }
  return undefined;
}

const BATCH = 500;

/** Whether documents remain outside the key `keyId` (plain, or under an older key): a rotation unfinished. */
export async function documentsLeft(db: Db, keyId: number): Promise<number> {
  return (await store.documentsNotUnder(db, keyId, 1)).length;
}

/**
 * Brings every document under the current data key, in batches of one transaction each: the plain rows of a store
 * from before encryption, and the rows of older keys after a rotation. Resumable: a row's key id says whether it
 * is done, so a run killed midway continues where it stopped and seals nothing twice. Returns the rows moved.
 * It walks the table in id order; a pass that found anything is followed by another from the start, for the rows
 * a server wrote under the old key before it saw the new one (it reads the key file again within a second).
 */
export async function sealDocuments(
  db: Db,
  onBatch?: (moved: number) => void,
  batch = BATCH,
): Promise<number> {
  let moved = 0;
  let after = 0;
  let movedThisPass = 0;
  for (;;) {
    const keyId = currentKeyId();
    const rows = await store.documentsNotUnder(db, keyId, batch, after);
    if (rows.length === 0) {
      if (movedThisPass === 0) return moved;
      after = movedThisPass = 0;
      continue;
    }
    await inTransaction(db, async (trx) => {
      for (const row of rows) {
        const plain = openFields(row.tenant_id, row);
        await store.resealDocument(trx, row, sealFields(row.tenant_id, plain));
      }
    });
    moved += rows.length;
    movedThisPass += rows.length;
    after = rows[rows.length - 1]!.id;
    onBatch?.(moved);
  }
}
