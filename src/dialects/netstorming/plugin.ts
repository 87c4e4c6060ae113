import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticated } from '../../http/request-tags.ts';
import { authAndFaults } from '../../sandbox/faults-hook.ts';
import { invalid, notFound } from '../../core/errors.ts';
import type { Dialect } from '../types.ts';
import { bodyScope } from './auth.ts';
import { calls } from './calls.ts';
import { insertFailure, netstormingErrorHandler, netstormingFailure, netstormingFault } from './errors.ts';
import { answerWrite, jsonReply, send } from '../../http/idempotency.ts';
import { unroutedPaths } from '../../http/unrouted.ts';

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
  // Every call is a POST. Any other method is 405 `Allow: POST` in the call's own failure shape: HEAD must not
  // run a write, and a GET (a client trying the call in a browser) learns the method where a bare 404 hid the call.
  // Any other path names no call: 404 at once, before the body that carries the key is read.
  const shapeOf = (request: FastifyRequest) => {
    const name = (request.params as { '*'?: string })['*'] ?? '';
    return (Object.hasOwn(calls, name) ? calls[name]?.failure : undefined) ?? insertFailure;
  };
  unroutedPaths(app, '/api/customers', {
    allow: (rest) => (Object.hasOwn(calls, rest) ? 'POST' : undefined),
    unknown: (rest) => notFound(`unknown call: ${rest}`, 'unknown_method'),
    keyFirst: false,
    errorHandler: (error, request, reply) =>
      send(reply, netstormingFailure(error, request, shapeOf(request)), false),
  });
};
