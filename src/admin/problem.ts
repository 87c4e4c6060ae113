import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { failureOf } from '../http/failures.ts';

/** One field's problem in a request body or query: where, and what. */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, with `code` (the stable reason) and per-field `errors` as extension members. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  return {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
}

/** A refusal a route words itself (several fields at once, say): thrown, so a write's transaction rolls back. */
export class Refused extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

export function sendProblem(reply: FastifyReply, p: Problem) {
  return reply.status(p.status).type('application/problem+json').send(p);
}

/** Fastify's schema validation errors, one per field: `/email` → `email`; a missing or unknown one by its name. */
function validationErrors(error: FastifyError): FieldError[] {
  return (error.validation ?? []).map((v) => {
    const params = v.params as { missingProperty?: string; additionalProperty?: string } | undefined;
    const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const named = params?.missingProperty ?? params?.additionalProperty;
    const field = [path, named].filter(Boolean).join('.') || (error.validationContext ?? 'body');
    const message = params?.additionalProperty ? 'unknown field' : (v.message ?? 'invalid');
    return { field, message };
  });
}

/** Every error of the admin API as a problem: the same failure mapping as the dialects, in its own shape. */
export function problemOf(error: FastifyError, request: FastifyRequest): Problem {
  if (error instanceof Refused) return error.problem;
  if (error.validation) {
    const errors = validationErrors(error);
    return problem(400, 'invalid_value', 'the request is not valid', errors);
  }
  const failure = failureOf(request, error);
  if (failure.kind === 'domain') {
    const { reason, message, field } = failure.error;
    const errors = field && failure.status === 400 ? [{ field, message }] : undefined;
    return problem(failure.status, reason, message, errors);
  }
  const details: Record<typeof failure.kind, string> = {
    too_large: 'the request body is too large',
    unsupported_type: 'send JSON (application/json)',
    bad_request: 'the request could not be read',
    method_not_allowed: 'method not allowed',
    unavailable: 'the store is unavailable for now; try again',
    internal: 'internal error',
  };
  return problem(failure.status, failure.kind, details[failure.kind]);
}

export function adminErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply, problemOf(error, request));
}

/**
 * For the writes that take no fields (create a key, cancel a reservation, reset a tenant…): a body with fields is
 * refused by name, as the writes with a body refuse an unknown field. Before, `{"name": "till 3"}` on a new key was
 * dropped without a word. No body, `{}` or `null` is a request without fields.
 */
export async function noFields(request: FastifyRequest): Promise<void> {
  const body: unknown = request.body;
  if (body === undefined || body === null) return;
  const names = typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : ['body'];
  if (names.length === 0) return;
  const errors = names.map((field) => ({
    field,
    message: field === 'body' ? 'this call takes no body' : 'unknown field',
  }));
  throw new Refused(problem(400, 'invalid_value', 'the request is not valid', errors));
}
