import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * What an incoming `x-request-id` may hold to be kept: up to 128 characters of letters, digits and `._:/+=@-`
 * (UUIDs, trace ids, base64). Anything else (too long, spaces, quotes, control characters) is replaced by an id
 * of our own rather than written into the log as sent.
 */
const ACCEPTED = /^[A-Za-z0-9._:/+=@-]{1,128}$/;

/** The id of a request: the caller's `x-request-id` when acceptable, else a new UUID (Fastify's `genReqId`). */
export function requestId(request: Pick<IncomingMessage, 'headers'>): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTED.test(given) ? given : randomUUID();
}

/** Every reply carries its request's id, errors included: a caller can quote it, and find its log lines. */
export function echoRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}
