import type { FastifyReply, FastifyRequest } from 'fastify';
import { answerOnce, fingerprintOf, idempotencyKeyOf, type StoredReply } from '../core/idempotency.ts';
import type { Db } from '../store/db.ts';

export type { StoredReply } from '../core/idempotency.ts';

/** A write call of a surface, as the Idempotency-Key needs it (see docs/idempotency.md). */
export interface WriteCall {
  db: Db;
  request: FastifyRequest;
  reply: FastifyReply;
  ttlHours: number;
  /** The tenant the call acts for (0 for admin calls that name none). */
  tenantId: number;
  /** The request's parameters as the surface parsed them, credentials left out. */
  params: unknown;
  /** Runs the call on `db` (the store, or the key's transaction) and renders its reply. */
  answer: (db: Db) => Promise<StoredReply>;
  /** The surface's rendering of an error, exactly as its error handler sends it. */
  failure: (error: unknown) => StoredReply;
}

/**
 * Every write route of every surface answers through here. Without an Idempotency-Key the call runs on the store
 * and its errors go to the surface's error handler; with one, the core runs it once per key (core/idempotency.ts)
 * and a repeat is sent the stored reply with `Idempotent-Replayed: true`.
 */
export async function answerWrite(call: WriteCall): Promise<FastifyReply> {
  const { request, reply } = call;
  const key = idempotencyKeyOf(request.headers['idempotency-key']);
  if (key === undefined) return send(reply, await call.answer(call.db), false);
  const path = request.url.split('?', 1)[0] ?? '';
  const keyed = {
    tenantId: call.tenantId,
    key,
    fingerprint: fingerprintOf(request.method, path, call.params),
    call: `${request.method} ${path}`,
    ttlHours: call.ttlHours,
  };
  const answered = await answerOnce(call.db, keyed, call.answer, call.failure);
  return send(reply, answered.reply, answered.replayed);
}

export function send(reply: FastifyReply, stored: StoredReply, replayed: boolean): FastifyReply {
  reply.code(stored.status).headers(stored.headers);
  if (replayed) reply.header('idempotent-replayed', 'true');
  return reply.send(stored.body);
}

/** A JSON reply rendered by the route's own serializer for `status` (its response schema, if any). */
export function jsonReply(
  reply: FastifyReply,
  status: number,
  payload: unknown,
  type = 'application/json',
): StoredReply {
  reply.code(status);
  if (status === 204) return { status, headers: {}, body: '' };
  return {
    status,
    headers: { 'content-type': `${type}; charset=utf-8` },
    body: reply.serialize(payload) as string,
  };
}
