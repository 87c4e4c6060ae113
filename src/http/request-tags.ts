import type { Scope } from '../core/tenants.ts';
import type { RequestNames } from './request-names.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant of the key the request presented, once verified: for the access log, never for rules. */
    tenantId: number | null;
    /** The vendor call, where the route alone does not name it (virtpos' `/api/customer/:method`). */
    callName: string | null;
    /** The route's names, once asked (http/request-names.ts): the access log, metrics and the journal all ask. */
    routeNames: RequestNames | null;
    /** The scope of the request's key, once its dialect's auth hook verified it (see sandbox/faults-hook.ts). */
    scope: Scope | null;
    /** Why the key was refused, kept for the handler to throw at its own point of the request. */
    authFailure: unknown;
  }
}

/** Declares the tags on every request (before any route is registered), so each request has one shape. */
export function declareRequestTags(app: FastifyInstance): void {
  app.decorateRequest('tenantId', null);
  app.decorateRequest('callName', null);
  app.decorateRequest('routeNames', null);
  app.decorateRequest('scope', null);
  app.decorateRequest('authFailure', null);
}

/** The scope the dialect's auth hook found for the request, or the failure it met (thrown here, by the handler). */
export function authenticated(request: FastifyRequest): Scope {
  if (request.scope !== null) return request.scope;
  throw request.authFailure;
}
