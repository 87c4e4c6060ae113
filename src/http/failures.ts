import type { FastifyRequest } from 'fastify';
import { DomainError, fromViolation, type ErrorCode } from '../core/errors.ts';
import { ReferenceGone, UniqueViolation } from '../store/unique.ts';
import { logFailure } from './log-failure.ts';
import { isUnavailable, storeWriteFault } from './unavailable.ts';
import { MethodNotAllowed } from './method-not-allowed.ts';

/** The HTTP status of each domain failure, for the surfaces whose errors travel as HTTP statuses. */
export const httpStatus: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
};

/**
 * What went wrong with a request, as every surface needs to know it before rendering it in its own shape:
 * - `domain`: a rule of the core refused it (its reason and message, and the status of its code);
 * - `too_large`: the body was over the limit (413);
 * - `unsupported_type`: a content type no parser takes (415);
 * - `bad_request`: the request could not be parsed (any other 4xx from Fastify or a parser: 400);
 * - `method_not_allowed`: a method the call does not serve, HEAD on a call that writes among them (405, see
 *   method-not-allowed.ts);
 * - `unavailable`: the store cannot serve it for now (SQLite's write lock held too long elsewhere, PostgreSQL
 *   unreachable, the disk full or the store read-only, `storeWriteFault`): 503, nothing written, a retry later can
 *   succeed;
 * - `internal`: anything else (500); logged here, never shown.
 */
export type Failure =
  | { kind: 'domain'; status: number; error: DomainError }
  | {
      kind:
        'too_large' | 'unsupported_type' | 'bad_request' | 'method_not_allowed' | 'unavailable' | 'internal';
      status: number;
    };

/** The one place where an error thrown while serving a request becomes a failure with a status. */
export function failureOf(request: FastifyRequest, thrown: unknown): Failure {
  const error =
    thrown instanceof UniqueViolation || thrown instanceof ReferenceGone ? fromViolation(thrown) : thrown;
  if (error instanceof DomainError) return { kind: 'domain', status: httpStatus[error.code], error };
  // The connection went away mid-body (the client hung up, or a shutdown cut it): nobody to answer, and no
  // fault of the store, whose codes (ECONNRESET) the parser's error shares.
  if (request.raw.readableAborted) return { kind: 'bad_request', status: 400 };
  if (isUnavailable(error)) {
    request.log.warn({ reqId: request.id, err: (error as Error).message }, 'store unavailable');
    return { kind: 'unavailable', status: 503 };
  }
  const fault = storeWriteFault(error);
  if (fault !== undefined) {
    request.log.error({ reqId: request.id, err: fault }, 'store cannot write');
    return { kind: 'unavailable', status: 503 };
  }
  if (error instanceof MethodNotAllowed) return { kind: 'method_not_allowed', status: 405 };
  const status = (error as { statusCode?: number } | null)?.statusCode ?? 500;
  if (status === 413) return { kind: 'too_large', status };
  if (status === 415) return { kind: 'unsupported_type', status };
  if (status >= 400 && status < 500) return { kind: 'bad_request', status: 400 };
  logFailure(request, error);
  return { kind: 'internal', status: 500 };
}
