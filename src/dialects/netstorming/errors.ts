import type { FaultReply } from '../../sandbox/fault-replies.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseFlag } from '../../core/agency-fields.ts';
import { failureOf } from '../../http/failures.ts';
import { send, type StoredReply } from '../../http/idempotency.ts';

/** How a call renders a request-level failure; each route names its own in `config.failure`. */
export type FailureShape = (body: Record<string, unknown>, messages: string[]) => unknown;

const lineZero = (messages: string[]) => [{ 'line/index': 0, errors: messages }];

/** The spec's request-level failure: the insert shape, no results, one `line/index` 0 entry. */
export const insertFailure: FailureShape = (body, messages) => ({
  dry_run: parseFlag(body.dry_run) ?? false,
  results: [],
  errors: lineZero(messages),
});

/** enable/disable keep their own `results` type (an object) in a failure too. */
export const toggleFailure: FailureShape = (_body, messages) => ({ results: {}, errors: lineZero(messages) });

export const successFailure: FailureShape = (_body, messages) => ({ success: false, errors: messages });

const MESSAGES = {
  too_large: 'request body too large',
  unsupported_type: 'malformed JSON body',
  bad_request: 'malformed JSON body',
  method_not_allowed: 'method not allowed',
  unavailable: 'service unavailable, try again later',
  internal: 'internal error',
};

/** The one place where failures become Netstorming replies: in `shape`, the route's own unless named. */
export function netstormingFailure(
  error: unknown,
  request: FastifyRequest,
  shape = (request.routeOptions.config as { failure?: FailureShape }).failure ?? insertFailure,
): StoredReply {
  const failure = failureOf(request, error);
  const status = failure.kind === 'unsupported_type' ? 400 : failure.status;
  const message = failure.kind === 'domain' ? failure.error.message : MESSAGES[failure.kind];
  const body = typeof request.body === 'object' && request.body !== null ? request.body : {};
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(shape(body as Record<string, unknown>, [message])),
  };
}

export function netstormingErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  return send(reply, netstormingFailure(error, request), false);
}

/** Netstorming: the route's own request-level failure shape. */
export const netstormingFault: FaultReply = (request, reply, status, message) => {
  const shape = (request.routeOptions.config as { failure?: FailureShape }).failure ?? insertFailure;
  const body = typeof request.body === 'object' && request.body !== null ? request.body : {};
  reply.status(status).send(shape(body as Record<string, unknown>, [message]));
};
