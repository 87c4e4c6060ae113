import { authenticate } from '../../core/tenants.ts';
import { invalid, notFound } from '../../core/errors.ts';
import type { Dialect } from '../types.ts';
import { presentedKey } from './auth.ts';
import { groups, REPLY_SCHEMAS } from './calls.ts';
import { kapiCalls } from './kapi.ts';
import { zakErrorHandler, zakFailure, zakFault } from './errors.ts';
import { mergeParams, type Params } from './params.ts';
import type { ZakCall } from './call.ts';
import type { Scope } from '../../core/tenants.ts';
import { answerWrite, jsonReply } from '../../http/idempotency.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../store/db.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { acceptFormBodies } from '../../http/form-bodies.ts';
import { MethodNotAllowed } from '../../http/method-not-allowed.ts';
import { authenticated } from '../../http/request-tags.ts';
import { authAndFaults } from '../../sandbox/faults-hook.ts';

/** Zak's reads are named fetch_… and get_…; every other call writes. */
const isRead = (name: string) => name.startsWith('fetch_') || name.startsWith('get_');

interface CallRoute {
  Params: { group: string; call: string };
}

interface Served {
  db: Db;
  config: Config;
  request: FastifyRequest;
  reply: FastifyReply;
  scope: Scope;
  params: Params;
}

/** A write: once per Idempotency-Key when one is sent (see http/idempotency.ts). */
function answer(call: ZakCall, { db, config, request, reply, scope, params }: Served) {
  return answerWrite({
    db,
    request,
    reply,
    ttlHours: config.idempotencyTtlHours,
    tenantId: scope.tenantId,
    params,
    answer: async (handle) => jsonReply(reply, 200, { data: await call({ db: handle, scope, params }) }),
    failure: (error) => zakFailure(error, request),
  });
}

export const zak: Dialect = async (app, { db, config, sandbox }) => {
  await acceptFormBodies(app, config);
  // A JSON body is accepted too; an empty one counts as no parameters.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body: string, done) => {
    if (body.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(body));
    } catch {
      done(invalid('malformed JSON body'));
    }
  });
  app.setErrorHandler(zakErrorHandler);
  // HEAD runs no write (see http/method-not-allowed.ts); Fastify answers HEAD on every GET route otherwise.
  app.addHook('onRequest', (request, reply, done) => {
    const write = (request.routeOptions.config as { write?: boolean }).write;
    if (request.method !== 'HEAD' || !write) return done();
    reply.header('allow', 'GET, POST');
    done(new MethodNotAllowed('GET, POST'));
  });
  // The key is verified once, before the handler, so that the tenant's sandbox fault rules can apply.
  app.addHook(
    'preHandler',
    authAndFaults(sandbox, (request) => authenticate(db, presentedKey(request)), zakFault),
  );

  // One static route per call: the router matches it without extracting parameters.
  for (const [group, table] of Object.entries(groups)) {
    for (const [name, call] of Object.entries(table)) {
      const key = `${group}/${name}`;
      const schema = REPLY_SCHEMAS[key];
      const write = !isRead(name);
      app.route({
        method: ['GET', 'POST'],
        url: `/kp/${group}/${name}`,
        config: { write },
        ...(schema && { schema: { response: { 200: schema } } }),
        handler: async (request, reply) => {
          const scope = authenticated(request);
          const params = mergeParams(request.query, request.body);
          if (write) return answer(call, { db, config, request, reply, scope, params });
          return { data: await call({ db, scope, params }) };
        },
      });
    }
  }
  for (const [name, call] of Object.entries(kapiCalls)) {
    const last = name.split('/').pop() ?? name;
    const write = !(isRead(last) || last === 'test');
    app.route({
      method: ['GET', 'POST'],
      url: `/kapi/${name}`,
      config: { write },
      handler: async (request, reply) => {
        const scope = authenticated(request);
        const params = mergeParams(request.query, request.body);
        if (write) return answer(call, { db, config, request, reply, scope, params });
        return { data: await call({ db, scope, params }) };
      },
    });
  }
  app.route<{ Params: { '*': string } }>({
    method: ['GET', 'POST'],
    url: '/kapi/*',
    handler: async (request) => {
      authenticated(request);
      throw notFound(`Wrong api name: ${request.params['*']}`, 'unknown_method');
    },
  });
  // Any other name under /kp/: the key is checked first, as the vendor's server does.
  app.route<CallRoute>({
    method: ['GET', 'POST'],
    url: '/kp/:group/:call',
    handler: async (request) => {
      authenticated(request);
      throw notFound(`Wrong api name: ${request.params.call}`, 'unknown_method');
    },
  });
};
