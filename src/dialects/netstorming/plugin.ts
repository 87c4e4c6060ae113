import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticated } from '../../http/request-tags.ts';
import { authAndFaults } from '../../sandbox/faults-hook.ts';
import { invalid } from '../../core/errors.ts';
import type { Dialect } from '../types.ts';
import { bodyScope } from './auth.ts';
import { calls } from './calls.ts';
import { netstormingErrorHandler, netstormingFailure, netstormingFault } from './errors.ts';
import { answerWrite, jsonReply } from '../../http/idempotency.ts';
import { MethodNotAllowed } from '../../http/method-not-allowed.ts';

/** Aborts when the client hangs up before its reply is sent, so a big batch nobody waits for stops early. */
function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** Netstorming's customers API: JSON bodies carrying `key` and `owner_code`, per-item results and errors. */
export const netstorming: Dialect = async (app, { db, config, sandbox }) => {
  // Whatever the Content-Type (curl -d sends a form type), the body is JSON; an empty one is malformed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body: string, done) => {
    try {
      const value: unknown = JSON.parse(body);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return done(null, value);
      done(invalid('invalid body (a JSON object expected)'));
    } catch {
      done(invalid('malformed JSON body'));
    }
  });
  app.setErrorHandler(netstormingErrorHandler);
  // The key is verified once, before the handler, so that the tenant's sandbox fault rules can apply.
  const bodyKey = (request: FastifyRequest) =>
    bodyScope(db, (request.body as { key?: unknown } | undefined)?.key);
  app.addHook('preHandler', authAndFaults(sandbox, bodyKey, netstormingFault));

  for (const [name, { run, failure }] of Object.entries(calls)) {
    // Every call writes: HEAD is refused (see http/method-not-allowed.ts) rather than left to the 404, and so is a
    // GET, which a client trying the call in a browser sends: 405 names the method, a bare 404 hid the call.
    app.route({
      method: ['HEAD', 'GET'],
      url: `/api/customers/${name}`,
      config: { failure },
      handler: async (_request, reply) => {
        reply.header('allow', 'POST');
        throw new MethodNotAllowed('POST');
      },
    });
    app.post(
      `/api/customers/${name}`,
      { bodyLimit: config.bulkBodyLimit, config: { failure } },
      async (request, reply) => {
        // A POST with no body at all never reaches the parser.
        if (request.body === undefined) throw invalid('malformed JSON body');
        const body = request.body as Record<string, unknown>;
        const scope = authenticated(request);
        const signal = clientGone(reply);
        // The API key is no part of the request an Idempotency-Key stands for.
        const { key: _key, ...params } = body;
        return answerWrite({
          db,
          request,
          reply,
          ttlHours: config.idempotencyTtlHours,
          tenantId: scope.tenantId,
          params,
          answer: async (handle) =>
            jsonReply(reply, 200, await run({ db: handle, config, scope, body, signal })),
          failure: (error) => netstormingFailure(error, request),
        });
      },
    );
  }
};
