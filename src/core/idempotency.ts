import { createHash } from 'node:crypto';
import type { Db } from '../store/db.ts';
import * as store from '../store/idempotency.ts';
import { open, seal } from './data-keys.ts';
import { DomainError, isConflict } from './errors.ts';

/**
 * Safe retries (docs/idempotency.md): a write sent with an Idempotency-Key runs once; its reply is stored with the
 * key in the write's own transaction and replayed, byte for byte, to every repeat of the request until the key
 * expires. The rules live here; the surfaces only say how to run their call and how to render its outcome.
 */

/** What is replayed: the status, the headers that matter and the body, exactly as first sent. */
export interface StoredReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface KeyedRequest {
  /** The tenant the key belongs to (0 for admin calls that name none). */
  tenantId: number;
  key: string;
  fingerprint: string;
  /** `POST /kp/reservations/new`, stored for people reading the table. */
  call: string;
  ttlHours: number;
}

export interface Answered {
  reply: StoredReply;
  replayed: boolean;
}

/** 1 to 255 printable ASCII characters (space included), the header's only accepted form. */
const KEY = /^[\x20-\x7e]{1,255}$/;

/** The key of a request's `Idempotency-Key` header: undefined without one; a bad one is refused. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !KEY.test(header))
    throw new DomainError(
      'idempotency_key_invalid',
      'invalid header: Idempotency-Key (1 to 255 printable ASCII characters)',
      'Idempotency-Key',
    );
  return header;
}

/** A value with its object keys sorted at every depth: the same parameters in any order are the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
}

/**
 * What makes two requests the same one: method, path and the parameters as the surface parsed them (so a form sent
 * in the query or in the body is the same request), never how they were spelled on the wire.
 */
export function fingerprintOf(method: string, path: string, params: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([method.toUpperCase(), path, canonical(params)]))
    .digest('base64url');
}

const busy = () => new DomainError('idempotency_key_busy', 'a request with this key is in progress');
const reused = () =>
  new DomainError('idempotency_key_reused', 'idempotency key reused with a different request');

/** Refusals about the key itself: answered, never stored. */
const aboutTheKey = (error: unknown) =>
  error instanceof DomainError &&
  (error.reason === 'idempotency_key_busy' || error.reason === 'idempotency_key_reused');

/** The stored reply of a repeat of the same request; a different request with the key is refused. */
function replayOf(stored: store.StoredKey, request: KeyedRequest): Answered {
  if (stored.fingerprint !== request.fingerprint) throw reused();
  const { body, body_key_id: keyId } = stored;
  const reply = {
    status: stored.status,
    headers: JSON.parse(stored.headers) as Record<string, string>,
    body: keyId === null ? body : open(request.tenantId, keyId, body),
  };
  return { reply, replayed: true };
}

/** Another request with the key committed between this one's claim and its save: roll back and replay that one. */
class LostToTwin extends Error {}

/** How many times a request runs when its write lost a race for a value (as the core's own retries do). */
const ATTEMPTS = 5;

/**
 * Answers a keyed request: its stored reply when there is one, else runs `answer` with a transaction handle (every
 * core write joins it, see store/transaction.ts) and stores the reply in that same transaction, so that no write is
 * ever committed without its reply, nor a reply without its write. A refused write (`failure` renders it) leaves
 * nothing: its transaction is rolled back and its reply (a 4xx, or a refusal a surface sends as 200) stored on its
 * own. A 5xx is sent and not stored: a retry runs again.
 */
export async function answerOnce(
  db: Db,
  request: KeyedRequest,
  answer: (trx: Db) => Promise<StoredReply>,
  failure: (error: unknown) => StoredReply,
): Promise<Answered> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute((trx) => runOnce(trx, request, answer));
    } catch (error) {
      if (error instanceof LostToTwin || aboutTheKey(error)) {
        if (error instanceof LostToTwin && attempt < ATTEMPTS) continue;
        throw error;
      }
      // The core retries a lost race inside its own transaction; inside this one (aborted on PostgreSQL) the whole
      // request runs again here.
      if (isConflict(error) && attempt < ATTEMPTS) continue;
      const reply = failure(error);
      if (reply.status >= 500) return { reply, replayed: false };
      return db.transaction().execute((trx) => storeRefusal(trx, request, reply));
    }
  }
}

async function runOnce(trx: Db, request: KeyedRequest, answer: (trx: Db) => Promise<StoredReply>) {
  const now = new Date();
  const claim = await store.claimKey(trx, request.tenantId, request.key, now.toISOString());
  // A reply already stored is the answer, whoever holds the key's lock now: on PostgreSQL a concurrent repeat takes
  // the lock while it replays, and answering "in progress" to the others told them the finished request was not.
  if (claim.stored) return replayOf(claim.stored, request);
  if (!claim.claimed) throw busy();
  const reply = await answer(trx);
  if (!(await store.saveKey(trx, rowOf(request, reply, now)))) throw new LostToTwin();
  return { reply, replayed: false };
}

/** A refused write's reply, stored on its own; a twin that answered meanwhile is replayed instead. */
async function storeRefusal(trx: Db, request: KeyedRequest, reply: StoredReply): Promise<Answered> {
  const now = new Date();
  const claim = await store.claimKey(trx, request.tenantId, request.key, now.toISOString());
  if (claim.stored) return replayOf(claim.stored, request);
  // Another request holding the key, or one committed just now: this reply is sent, not stored.
  if (claim.claimed) await store.saveKey(trx, rowOf(request, reply, now));
  return { reply, replayed: false };
}

/**
 * The row that stores a reply: its body sealed with the data key, bound to the key's tenant, as identity documents
 * are (an admin customer reply carries the customer's documents in clear; docs/guest-data.md).
 */
function rowOf(request: KeyedRequest, reply: StoredReply, now: Date): store.KeyRow {
  const sealed = seal(request.tenantId, reply.body);
  return {
    tenantId: request.tenantId,
    key: request.key,
    call: request.call,
    fingerprint: request.fingerprint,
    status: reply.status,
    headers: JSON.stringify(reply.headers),
    body: sealed.value,
    body_key_id: sealed.keyId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + request.ttlHours * 3_600_000).toISOString(),
  };
}

/** The background purge's step: deletes the keys expired at `now`. */
export function purgeExpiredKeys(db: Db, now: Date): Promise<number> {
  return store.purgeExpiredKeys(db, now.toISOString());
}
