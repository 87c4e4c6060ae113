import type { Db } from '../store/db.ts';
import { documentKeyIds } from '../store/documents.ts';
import { replyKeyIds } from '../store/idempotency.ts';
import { DataKeyError, missingKeyId, openDataKeys } from './data-keys.ts';
import { sealDocuments } from './document-seal.ts';

/**
 * At a server's start: opens the data key file (made when missing), refuses to start when the stored documents or
 * Idempotency-Key replies were encrypted with a key the file does not hold (a clear error, not a failed read later),
 * and encrypts the documents still plain or under an older key.
 */
export async function openDocumentKeys(db: Db, path: string): Promise<void> {
  openDataKeys(path);
  const inDocuments = missingKeyId(await documentKeyIds(db));
  if (inDocuments !== undefined) throw missingKey('the identity documents', inDocuments, path);
  const inReplies = missingKeyId(await replyKeyIds(db));
  if (inReplies !== undefined)
    throw missingKey('the replies stored under an Idempotency-Key', inReplies, path);
  await sealDocuments(db);
}

const missingKey = (what: string, id: number, path: string) =>
  new DataKeyError(
    `${what} of this store were encrypted with data key ${id}, which ${path} does not hold: start with the ` +
      'DATA_KEY_FILE that wrote them',
  );
