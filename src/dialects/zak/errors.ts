import type { FastifyReply, FastifyRequest } from 'fastify';
import { failureOf } from '../../http/failures.ts';

const MESSAGES = {
  too_large: 'request body too large',
  unsupported_type: 'unsupported content type',
  bad_request: 'malformed request body',
  method_not_allowed: 'method not allowed',
  unavailable: 'service unavailable, try again later',
  internal: 'internal error',
};

/** The one place where failures become Zak's `{"error": …}` replies. */
export function zakErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const failure = failureOf(request, error);
  if (failure.kind !== 'domain') return reply.status(failure.status).send({ error: MESSAGES[failure.kind] });
  const { code, message } = failure.error;
  return reply
    .status(failure.status)
    .send({ error: code === 'unauthorized' ? 'Authentication error' : message });
}
