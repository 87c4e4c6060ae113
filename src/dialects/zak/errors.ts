import type { FaultReply } from '../../sandbox/fault-replies.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { failureOf } from '../../http/failures.ts';
import { send, type StoredReply } from '../../http/idempotency.ts';

const MESSAGES = {
  too_large: 'request body too large',
  unsupported_type: 'unsupported content type',
  bad_request: 'malformed request body',
  method_not_allowed: 'method not allowed',
  unavailable: 'service unavailable, try again later',
  internal: 'internal error',
};

/** The one place where failures become Zak's `{"error": …}` replies. */
export function zakFailure(error: unknown, request: FastifyRequest): StoredReply {
  const failure = failureOf(request, error);
  let message: string = failure.kind === 'domain' ? failure.error.message : MESSAGES[failure.kind];
  if (failure.kind === 'domain' && failure.error.code === 'unauthorized') message = 'Authentication error';
  return {
    status: failure.status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ error: message }),
  };
}

export function zakErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  return send(reply, zakFailure(error, request), false);
}

/** Zak: `{"error": …}`. */
export const zakFault: FaultReply = (_request, reply, status, message) => {
  reply.status(status).send({ error: message });
};
