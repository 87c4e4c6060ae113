import type { FaultReply } from '../../sandbox/fault-replies.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { failureOf } from '../../http/failures.ts';
import { send, type StoredReply } from '../../http/idempotency.ts';
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

/** Refusals about the Idempotency-Key itself keep their HTTP status, so that a client can tell them apart. */
const KEY_STATUS: Partial<Record<string, number>> = {
  idempotency_key_invalid: 400,
  idempotency_key_busy: 409,
  idempotency_key_reused: 422,
};

/**
 * The one place where failures become virtpos replies: `success` 0 and a Russian `info`, XML or JSON. Every failed
 * call is HTTP 200, as the vendor's are; only a path that names no call (404), an HTTP method the call does not
 * serve (405), a store that cannot serve for now (503), an internal error (500) and a refused Idempotency-Key (400,
 * 409, 422: no vendor call has one) are not.
 */
export function virtposFailure(error: unknown, request: FastifyRequest): StoredReply {
  const failure = failureOf(request, error);
  let status = 200;
  if (failure.kind === 'internal' || failure.kind === 'unavailable' || failure.kind === 'method_not_allowed')
    status = failure.status;
  if (failure.kind === 'domain' && failure.error.reason === 'unknown_method') status = 404;
  if (failure.kind === 'domain') status = KEY_STATUS[failure.error.reason] ?? status;
  const info = failure.kind === 'domain' ? infoOf(failure.error) : INFO[failure.kind];
  const format = readFormat((request.query as Record<string, unknown> | undefined)?.format);
  return {
    status,
    headers: { 'content-type': contentType(format) },
    body: render(format, { success: 0, info }),
  };
}

export function virtposErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  return send(reply, virtposFailure(error, request), false);
}

/** virtpos: `success` 0 and an `info`, XML or JSON as the request asked. */
export const virtposFault: FaultReply = (request, reply, status, message) => {
  const format = readFormat((request.query as Record<string, unknown> | undefined)?.format);
  reply
    .status(status)
    .header('content-type', contentType(format))
    .send(render(format, { success: 0, info: message }));
};
