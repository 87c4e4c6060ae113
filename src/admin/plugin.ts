import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import '@fastify/swagger';
import { authenticateAdmin } from '../core/admin-tokens.ts';
import type { DialectDeps } from '../dialects/types.ts';
import { adminWrites } from './idempotency.ts';
import { adminErrorHandler, problem, sendProblem } from './problem.ts';
import { agencyRoutes } from './routes/agencies.ts';
import { cardRoutes } from './routes/cards.ts';
import { customerRoutes } from './routes/customers.ts';
import { guestDataRoutes } from './routes/guest-data.ts';
import { propertyRoutes } from './routes/property.ts';
import { reservationRoutes } from './routes/reservations.ts';
import { tenantRoutes } from './routes/tenants.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { faultRoutes } from './routes/sandbox-faults.ts';
import { journalRoutes } from './routes/sandbox-journal.ts';
import { sandboxStateRoutes } from './routes/sandbox-state.ts';
import { problemSchema } from './schemas.ts';

/** The bearer token of `Authorization: Bearer <token>`, or undefined. */
function bearer(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Clientele's own API under `/admin/v1`: JSON in and out, an admin token on every request, problem details for
 * every error. Each route is a thin adapter over the same core functions the dialects call.
 */
export const adminApi: FastifyPluginAsync<DialectDeps> = async (
  app: FastifyInstance,
  { db, config, sandbox },
) => {
  app.addSchema(problemSchema);
  // `curl -X DELETE -H 'content-type: application/json'` sends the header and no body: that is a request without a
  // body (the route's schema says whether it needs one), not one that "could not be read".
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body: string, done) =>
    body === '' ? done(null, undefined) : json(request, body, done),
  );
  app.setErrorHandler(adminErrorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(404, 'not_found', `no admin route ${request.method} ${request.url}`)),
  );
  app.addHook('onRequest', async (request, reply) => {
    // Replies carry keys, secrets and people's data (an export decrypts their documents): no cache keeps them, not
    // even the browser's of the console's front desk. Set first, so that errors and replays carry it too.
    reply.header('cache-control', 'no-store');
    try {
      await authenticateAdmin(db, bearer(request.headers.authorization));
    } catch (error) {
      reply.header('www-authenticate', 'Bearer');
      throw error;
    }
  });
  // Every write answers once per Idempotency-Key (docs/idempotency.md).
  const write = adminWrites(db, config);
  tenantRoutes(app, db, write);
  customerRoutes(app, db, write);
  reservationRoutes(app, db, write);
  propertyRoutes(app, db, write);
  cardRoutes(app, db, write);
  agencyRoutes(app, db, write, config);
  guestDataRoutes(app, db, write, sandbox);
  webhookRoutes(app, db, write, config);
  journalRoutes(app, db, write, sandbox);
  faultRoutes(app, db, write, sandbox);
  sandboxStateRoutes(app, db, write, sandbox, config);
};
