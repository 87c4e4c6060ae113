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
import { unroutedPaths } from '../../http/unrouted.ts';
import { authAndFaults } from '../../sandbox/faults-hook.ts';

/** Zak's reads are named fetch_… and get_…; every other call writes. */
const isRead = (name: string) => name.startsWith('fetch_') || name.startsWith('get_');

/** Every call is GET and POST; a read answers HEAD as GET, a write refuses it. */
const allowOf = (write: boolean) => (write ? 'GET, POST' : 'GET, HEAD, POST');

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
  // The method is looked at first: `routeOptions` builds an object at every read.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'HEAD' || !(request.routeOptions.config as { write?: boolean }).write)
      return done();
    reply.header('allow', 'GET, POST');
    done(new MethodNotAllowed('GET, POST'));
  });
  // The key is verified once, before the handler, so that the tenant's sandbox fault rules can apply.
  app.addHook(
    'preHandler',
    authAndFaults(sandbox, (request) => authenticate(db, presentedKey(request)), zakFault),
  );

  // The methods each call serves, by its path below /kp/ and /kapi/.
  const kpAllow = new Map<string, string>();
  const kapiAllow = new Map<string, string>();
  // One static route per call: the router matches it without extracting parameters.
  for (const [group, table] of Object.entries(groups)) {
    for (const [name, call] of Object.entries(table)) {
      const key = `${group}/${name}`;
      const schema = REPLY_SCHEMAS[key];
      const write = !isRead(name);
      kpAllow.set(key, allowOf(write));
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
    kapiAllow.set(name, allowOf(write));
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
  // Any other method on a call is 405; any other path names no call: `Wrong api name`, the key checked first, as
  // the vendor's server does. Under /kp/ the name is the call's (or the whole path below /kp/ at another depth),
  // under /kapi/ the whole path below /kapi/, since that tree has depths 1 and 2.
  const wrongName = (name: string) => notFound(`Wrong api name: ${name}`, 'unknown_method');
  unroutedPaths(app, '/kp', {
    allow: (rest) => kpAllow.get(rest),
    unknown: (rest) => wrongName(/^[^/]*\/[^/]*$/.test(rest) ? rest.slice(rest.indexOf('/') + 1) : rest),
    keyFirst: true,
  });
  unroutedPaths(app, '/kapi', { allow: (rest) => kapiAllow.get(rest), unknown: wrongName, keyFirst: true });
};
