import type { FastifyReply, FastifyRequest } from 'fastify';
import { failureOf } from '../../http/failures.ts';
import { infoOf, MESSAGES } from './messages.ts';
import { contentType, readFormat, render } from './serializer.ts';

const INFO = {
  too_large: MESSAGES.tooLarge,
  unsupported_type: MESSAGES.badRequest,
  bad_request: MESSAGES.badRequest,
  method_not_allowed: MESSAGES.methodNotAllowed,
  unavailable: MESSAGES.unavailable,
  internal: MESSAGES.internal,
};

/**
 * The one place where failures become virtpos replies: `success` 0 and a Russian `info`, XML or JSON. Every failed
 * call is HTTP 200, as the vendor's are; only a path that names no call (404), a store that cannot serve for now
 * (503) and an internal error (500) are not.
 */
export function virtposErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const failure = failureOf(request, error);
  let status = 200;
  if (failure.kind === 'internal' || failure.kind === 'unavailable' || failure.kind === 'method_not_allowed')
    status = failure.status;
  if (failure.kind === 'domain' && failure.error.reason === 'unknown_method') status = 404;
  const info = failure.kind === 'domain' ? infoOf(failure.error) : INFO[failure.kind];
  const format = readFormat((request.query as Record<string, unknown> | undefined)?.format);
  return reply
    .status(status)
    .header('content-type', contentType(format))
    .send(render(format, { success: 0, info }));
}
