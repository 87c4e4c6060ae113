import type { Db } from '../store/db.ts';
import { documentKeyIds } from '../store/documents.ts';
import { DataKeyError, missingKeyId, openDataKeys } from './data-keys.ts';
import { sealDocuments } from './document-seal.ts';

/**
 * At a server's start: opens the data key file (made when missing), refuses to start when the stored documents
 * were encrypted with a key the file does not hold (a clear error, not garbage later), and encrypts the documents
 * still plain or under an older key.
 */
export async function openDocumentKeys(db: Db, path: string): Promise<void> {
  openDataKeys(path);
  const missing = missingKeyId(await documentKeyIds(db));
  if (missing !== undefined) {
    throw new DataKeyError(
      `the identity documents of this store were encrypted with data key ${missing}, which ${path} does not ` +
        'hold: start with the DATA_KEY_FILE that wrote them',
    );
  }
  await sealDocuments(db);
}
