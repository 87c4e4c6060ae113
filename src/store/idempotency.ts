import { sql, type Selectable } from 'kysely';
import { kindOf, type Db } from './db.ts';
import { preparedWrite } from './prepared.ts';
import type { IdempotencyKeyTable } from './schema/idempotency.ts';

export type StoredKey = Pick<
  Selectable<IdempotencyKeyTable>,
  'fingerprint' | 'status' | 'headers' | 'body' | 'body_key_id'
>;

export interface KeyClaim {
  /** False when another transaction holds the key: its request is still running. */
  claimed: boolean;
  /** The reply stored under the key and not expired, if any. */
  stored: StoredKey | undefined;
}

/**
 * Inside the request's transaction, one statement: the key's lock and its live stored reply. PostgreSQL: a
 * transaction-scoped advisory lock on (tenant, hash of the key), not waited for, so that a second request with the
 * key on any node learns at once that the first one is running; it is released at commit or rollback. SQLite: the
 * transaction already holds the database's write lock (BEGIN IMMEDIATE), so a second request waits for the first
 * to commit and then reads its reply.
 */
const claimStatement = preparedWrite(
  'claim_idempotency_key',
  3,
  (db, tenantId: number, key: string, now: string) => {
    const lock =
      kindOf(db) === 'postgres'
        ? sql<boolean>`pg_try_advisory_xact_lock(${tenantId}, hashtext(${key}))`
        : sql<boolean>`1`;
    return db
      .selectFrom(db.selectNoFrom(lock.as('claimed')).as('l'))
      .leftJoin('idempotency_keys as k', (join) =>
        join.on('k.tenant_id', '=', tenantId).on('k.key', '=', key).on('k.expires_at', '>', now),
      )
      .select(['l.claimed', 'k.fingerprint', 'k.status', 'k.headers', 'k.body', 'k.body_key_id']);
  },
);

export async function claimKey(trx: Db, tenantId: number, key: string, now: string): Promise<KeyClaim> {
  const [row] = await claimStatement(trx, tenantId, key, now);
  const claimed = Boolean(row?.claimed);
  if (!row || row.fingerprint === null) return { claimed, stored: undefined };
  const { fingerprint, status, headers, body, body_key_id } = row;
  return { claimed, stored: { fingerprint, status: status!, headers: headers!, body: body!, body_key_id } };
}

/**
 * Inside the request's transaction: the reply stored under the key, over an expired one. False when a live reply
 * is already there: PostgreSQL reads the key at the start of the claim statement, before its lock is taken, so a
 * request whose twin committed in between finds the row only here (the caller then rolls back and replays it).
 */
const saveStatement = preparedWrite(
  'save_idempotency_key',
  10,
  (
    db,
    tenantId: number,
    key: string,
    fingerprint: string,
    call: string,
    status: number,
    headers: string,
    body: string,
    bodyKeyId: number | null,
    createdAt: string,
    expiresAt: string,
  ) =>
    db
      .insertInto('idempotency_keys')
      .values({
        tenant_id: tenantId,
        key,
        fingerprint,
        call,
        status,
        headers,
        body,
        body_key_id: bodyKeyId,
        created_at: createdAt,
        expires_at: expiresAt,
      })
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'key'])
          .doUpdateSet((eb) => ({
            fingerprint: eb.ref('excluded.fingerprint'),
            call: eb.ref('excluded.call'),
            status: eb.ref('excluded.status'),
            headers: eb.ref('excluded.headers'),
            body: eb.ref('excluded.body'),
            body_key_id: eb.ref('excluded.body_key_id'),
            created_at: eb.ref('excluded.created_at'),
            expires_at: eb.ref('excluded.expires_at'),
          }))
          .where('idempotency_keys.expires_at', '<=', createdAt),
      )
      .returning('tenant_id'),
);

export interface KeyRow extends StoredKey {
  tenantId: number;
  key: string;
  call: string;
  createdAt: string;
  expiresAt: string;
}

export async function saveKey(trx: Db, row: KeyRow): Promise<boolean> {
  const saved = await saveStatement(
    trx,
    row.tenantId,
    row.key,
    row.fingerprint,
    row.call,
    row.status,
    row.headers,
    row.body,
    row.body_key_id,
    row.createdAt,
    row.expiresAt,
  );
  return saved.length > 0;
}

/** Deletes the expired keys; returns how many. */
export async function purgeExpiredKeys(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The data keys that sealed the stored replies (for the start's check that the key file holds them). */
export async function replyKeyIds(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('idempotency_keys')
    .select('body_key_id')
    .distinct()
    .where('body_key_id', 'is not', null)
    .execute();
  return rows.map((r) => r.body_key_id!);
}
