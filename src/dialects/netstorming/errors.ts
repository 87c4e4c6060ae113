import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { parseFlag } from '../../core/agency-validation.ts';
import { DomainError } from '../../core/errors.ts';
import { httpStatus } from '../http-status.ts';
import { logFailure } from '../log-failure.ts';

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

function statusAndMessage(error: FastifyError | DomainError): [number, string] {
  if (error instanceof DomainError) return [httpStatus[error.code], error.message];
  const status = error.statusCode ?? 500;
  if (status === 413) return [413, 'request body too large'];
  if (status >= 400 && status < 500) return [400, 'malformed JSON body'];
  return [500, 'internal error'];
}

/** The one place where failures become Netstorming replies. */
export function netstormingErrorHandler(
  error: FastifyError | DomainError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const [status, message] = statusAndMessage(error);
  // Internals of a 5xx stay in the log.
  if (status === 500) logFailure(request, error);
  const failure = (request.routeOptions.config as { failure?: FailureShape }).failure ?? insertFailure;
  const body = typeof request.body === 'object' && request.body !== null ? request.body : {};
  return reply.status(status).send(failure(body as Record<string, unknown>, [message]));
}
