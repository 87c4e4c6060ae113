import type { Db } from '../store/db.ts';
import { documentKeyIds } from '../store/documents.ts';
import { replyKeyIds } from '../store/idempotency.ts';
import { secretKeyIds } from '../store/webhooks.ts';
import { DataKeyError, missingKeyId, openDataKeys } from './data-keys.ts';
import { sealDocuments } from './document-seal.ts';
import { sealSecrets } from './webhook-secrets.ts';

/**
 * At a server's start: opens the data key file (made when missing), refuses to start when the stored documents,
 * Idempotency-Key replies or webhook signing secrets were encrypted with a key the file does not hold (a clear
 * error, not a failed read later), and encrypts the documents and secrets still plain or under an older key. The
 * secrets are sealed here rather than by migration 055 because a migration has no key.
 */
export async function openDocumentKeys(db: Db, path: string): Promise<void> {
  openDataKeys(path);
  const inDocuments = missingKeyId(await documentKeyIds(db));
  if (inDocuments !== undefined) throw missingKey('the identity documents', inDocuments, path);
  const inReplies = missingKeyId(await replyKeyIds(db));
  if (inReplies !== undefined)
    throw missingKey('the replies stored under an Idempotency-Key', inReplies, path);
  const inSecrets = missingKeyId(await secretKeyIds(db));
  if (inSecrets !== undefined) throw missingKey('the webhook signing secrets', inSecrets, path);
  await sealDocuments(db);
  await sealSecrets(db);
}

const missingKey = (what: string, id: number, path: string) =>
  new DataKeyError(
    `${what} of this store were encrypted with data key ${id}, which ${path} does not hold: start with the ` +
      'DATA_KEY_FILE that wrote them',
  );
