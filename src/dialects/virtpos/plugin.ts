import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticated } from '../../http/request-tags.ts';
import { authAndFaults } from '../../sandbox/faults-hook.ts';
import { DomainError } from '../../core/errors.ts';
import { authenticate } from '../../core/tenants.ts';
import type { Dialect } from '../types.ts';
import type { CallReply, VirtposCall } from './call.ts';
import { deleteCard, insertCard, updateCard } from './cards.ts';
import { listCustomers, updateCustomer } from './customers.ts';
import { virtposErrorHandler, virtposFailure, virtposFault } from './errors.ts';
import { answerWrite } from '../../http/idempotency.ts';
import { given, param, requestParams } from './params.ts';
import { contentType, readFormat, render, renderList, renderListStream, type Format } from './serializer.ts';
import { acceptFormBodies } from '../../http/form-bodies.ts';
import { MethodNotAllowed } from '../../http/method-not-allowed.ts';
import { unroutedPaths } from '../../http/unrouted.ts';

/** Every call under /api/customer, by its method segment in lower case ('' is the listing itself). */
export const calls: Record<string, VirtposCall> = {
  '': listCustomers,
  update: updateCustomer,
  updatecard: updateCard,
  insertcard: insertCard,
  deletecard: deleteCard,
};

function send(reply: FastifyReply, format: Format, answer: CallReply) {
  reply.header('content-type', contentType(format));
  if ('stream' in answer) return reply.send(renderListStream(format, answer.stream));
  // A page is sent as bytes: as a string it would be measured in UTF-8 first (Content-Length), then encoded again on
  // its way to the socket, two passes over a hundred kilobytes of mostly Cyrillic text.
  if ('page' in answer) return reply.send(renderList(format, answer.page));
  return reply.send(render(format, answer.tree));
}

interface CallRoute {
  Params: { method?: string };
  Querystring: Record<string, unknown>;
}

export const virtpos: Dialect = async (app, { db, config, sandbox }) => {
  await acceptFormBodies(app, config);
  app.setErrorHandler(virtposErrorHandler);
  // HEAD runs no write (see http/method-not-allowed.ts): every call but the listing writes.
  app.addHook('onRequest', (request, reply, done) => {
    const method = (request.params as { method?: string }).method ?? '';
    const known = Object.hasOwn(calls, method.toLowerCase());
    // The route leaves the call a parameter: named here for the access log and metrics (`list`, `update`…).
    request.callName = method === '' ? 'list' : known ? method.toLowerCase() : 'unknown';
    const write = method !== '' && known;
    if (request.method !== 'HEAD' || !write) return done();
    reply.header('allow', 'GET, POST');
    done(new MethodNotAllowed('GET, POST'));
  });
  // The key is verified once, before the handler, so that the tenant's sandbox fault rules can apply.
  const presentedKey = async (request: FastifyRequest) =>
    authenticate(db, given(param(requestParams(request.query, request.body), 'apikey')));
  app.addHook('preHandler', authAndFaults(sandbox, presentedKey, virtposFault));

  const handler = async (request: FastifyRequest<CallRoute>, reply: FastifyReply) => {
    const method = (request.params.method ?? '').toLowerCase();
    const call = Object.hasOwn(calls, method) ? calls[method] : undefined;
    if (!call) throw new DomainError('unknown_method', 'unknown method');
    const params = requestParams(request.query, request.body);
    const scope = authenticated(request);
    const format = readFormat(params.query.format);
    if (method === '') return send(reply, format, await call({ db, scope, params }));
    // The API key is no part of the request an Idempotency-Key stands for; a form is the same in query or body.
    const { apikey: _key, ...fields } = { ...params.query, ...params.body };
    return answerWrite({
      db,
      request,
      reply,
      ttlHours: config.idempotencyTtlHours,
      tenantId: scope.tenantId,
      params: fields,
      answer: async (handle) => {
        const answer = await call({ db: handle, scope, params });
        if (!('tree' in answer)) throw new Error('a virtpos write answers with one reply tree');
        return {
          status: 200,
          headers: { 'content-type': contentType(format) },
          body: render(format, answer.tree),
        };
      },
      failure: (error) => virtposFailure(error, request),
    });
  };
  app.route<CallRoute>({ method: ['GET', 'POST'], url: '/api/customer', handler });
  app.route<CallRoute>({ method: ['GET', 'POST'], url: '/api/customer/:method', handler });
  // Any other method on a call is 405, and any other path (`/api/customer/update/x`) names no call: 404
  // `Неизвестный метод API`, as an unknown method segment is. Both before the key, as for GET and POST.
  unroutedPaths(app, '/api/customer', {
    allow: (rest) => {
      const method = rest.toLowerCase();
      if (!Object.hasOwn(calls, method)) return undefined;
      return method === '' ? 'GET, HEAD, POST' : 'GET, POST';
    },
    unknown: () => new DomainError('unknown_method', 'unknown method'),
    keyFirst: false,
  });
};
