import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant of the key the request presented, once verified: for the access log, never for rules. */
    tenantId: number | null;
    /** The vendor call, where the route alone does not name it (virtpos' `/api/customer/:method`). */
    callName: string | null;
  }
}

/** Declares the tags on every request (before any route is registered), so each request has one shape. */
export function declareRequestTags(app: FastifyInstance): void {
  app.decorateRequest('tenantId', null);
  app.decorateRequest('callName', null);
}
