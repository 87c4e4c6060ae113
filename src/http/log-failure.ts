import type { FastifyRequest } from 'fastify';

/**
 * Logs a failure that the client sees only as an internal error. Requests share the root logger (see
 * `buildServer`), so the request id is written here rather than bound to a logger per request.
 */
export function logFailure(request: FastifyRequest, error: unknown): void {
  request.log.error({ err: error, reqId: request.id, url: request.url }, 'internal error');
}
