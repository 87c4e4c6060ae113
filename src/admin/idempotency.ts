import type { FastifyError, FastifyReply, FastifyRequest, RouteGenericInterface } from 'fastify';
import type { Config } from '../config.ts';
import { DomainError } from '../core/errors.ts';
import { answerWrite, jsonReply } from '../http/idempotency.ts';
import type { Db } from '../store/db.ts';
import { problemOf } from './problem.ts';

/** Runs a write on `db`, the store or the Idempotency-Key's transaction; its value is the reply's body. */
export type AdminRun<R extends RouteGenericInterface> = (
  db: Db,
  request: FastifyRequest<R>,
) => Promise<unknown>;

export type AdminWrite = <R extends RouteGenericInterface>(
  status: number,
  run: AdminRun<R>,
) => (request: FastifyRequest<R>, reply: FastifyReply) => Promise<FastifyReply>;

/**
 * The handler of every admin write (POST, PUT, PATCH, DELETE): once per Idempotency-Key when one is sent (see
 * http/idempotency.ts). Keys belong to the tenant of `/tenants/{tenant}/…`; a call that names none (creating a
 * tenant) uses tenant 0. The fingerprint is the path's parameters, the query and the body as validated.
 */
export function adminWrites(db: Db, config: Config): AdminWrite {
  return (status, run) => (request, reply) =>
    answerWrite({
      db,
      request,
      reply,
      ttlHours: config.idempotencyTtlHours,
      tenantId: (request.params as { tenant?: number }).tenant ?? 0,
      params: { params: request.params, query: request.query, body: request.body },
      answer: async (handle) => jsonReply(reply, status, await run(handle, request)),
      failure: (error) => {
        const p = problemOf(error as FastifyError, request);
        return jsonReply(reply, p.status, p, 'application/problem+json');
      },
    });
}

/**
 * A write whose reply shows a secret once (an API key, a webhook's signing key): a stored reply would keep that
 * secret in clear for the key's lifetime, so the header is refused rather than honoured or silently ignored.
 */
export function refuseIdempotencyKey(request: FastifyRequest): void {
  if (request.headers['idempotency-key'] === undefined) return;
  throw new DomainError(
    'idempotency_key_unsupported',
    'this call shows a secret once and cannot be replayed: send it without Idempotency-Key',
    'Idempotency-Key',
  );
}
