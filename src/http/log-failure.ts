import type { FastifyRequest } from 'fastify';
import { redactUrl } from './redact.ts';

/**
 * Logs a failure that the client sees only as an internal (or unavailable) error. Requests share the root logger
 * (see `buildServer`), so the request id is written here rather than bound to a logger per request. The URL is
 * logged without its keys (see http/redact.ts).
 */
export function logFailure(request: FastifyRequest, error: unknown): void {
  request.log.error({ err: error, reqId: request.id, url: redactUrl(request.url) }, 'internal error');
}
