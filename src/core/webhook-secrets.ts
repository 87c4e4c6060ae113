import type { Db } from '../store/db.ts';
import { inTransaction } from '../store/transaction.ts';
import * as store from '../store/webhooks.ts';
import { currentKeyId, DataKeyError, open, seal } from './data-keys.ts';

// Webhook signing secrets at rest: sealed with the data key as identity documents are (AES-256-GCM, bound to the
// tenant), the key's id in `secret_key_id`. They cannot be hashed as API keys are: the sender signs with each.

type Sealed = { secret: string; secret_key_id: number };

/** The stored form of a new signing secret. */
export function sealSecret(tenantId: number, secret: string): Sealed {
  const { value, keyId } = seal(tenantId, secret);
  return { secret: value, secret_key_id: keyId };
}

/** A stored secret in clear; a row from before migration 055 that no start has sealed yet is clear already. */
export function openSecret(row: store.StoredSecret): string {
  if (row.secret_key_id === null) return row.secret;
  try {
    return open(row.tenant_id, row.secret_key_id, row.secret);
  } catch (error) {
    // data-keys.ts speaks of documents; say which row failed, and why.
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataKeyError(`the signing secret of webhook ${row.id} does not open: ${reason}`);
  }
}

/** How many webhooks have a secret in clear or under another key than `keyId`: a rotation unfinished. */
export async function secretsLeft(db: Db, keyId: number): Promise<number> {
  return (await store.secretsNotUnder(db, keyId)).length;
}

/**
 * Seals every secret still in clear and re-seals those under an older key with the current one, in one transaction
 * (a store holds few webhooks). Returns the rows found; a second run finds none. The rows are read before the
 * transaction, so that a start with nothing to do takes no write lock; each write is a compare-and-set.
 */
export async function sealSecrets(db: Db): Promise<number> {
  const rows = await store.secretsNotUnder(db, currentKeyId());
  if (rows.length === 0) return 0;
  await inTransaction(db, async (trx) => {
    for (const row of rows) await store.resealSecret(trx, row, sealSecret(row.tenant_id, openSecret(row)));
  });
  return rows.length;
}
