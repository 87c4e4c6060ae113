import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticated } from '../../http/request-tags.ts';
import { virtposFault } from '../../sandbox/fault-replies.ts';
import { authAndFaults } from '../../sandbox/faults-hook.ts';
import { DomainError } from '../../core/errors.ts';
import { authenticate } from '../../core/tenants.ts';
import type { Dialect } from '../types.ts';
import type { CallReply, VirtposCall } from './call.ts';
import { deleteCard, insertCard, updateCard } from './cards.ts';
import { listCustomers, updateCustomer } from './customers.ts';
import { virtposErrorHandler } from './errors.ts';
import { given, param, requestParams } from './params.ts';
import { contentType, readFormat, render, renderList, renderListStream, type Format } from './serializer.ts';
import { acceptFormBodies } from '../../http/form-bodies.ts';
import { utf8 } from '../../http/utf8.ts';
import { MethodNotAllowed } from '../../http/method-not-allowed.ts';

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
  // A page is encoded once, here: sent as a string, it would be measured in UTF-8 first (Content-Length), then
  // encoded again on its way to the socket, two passes over a hundred kilobytes of mostly Cyrillic text.
  if ('page' in answer) return reply.send(utf8(renderList(format, answer.page)));
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

  const handler = async (request: FastifyRequest<{ Params: { method?: string } }>, reply: FastifyReply) => {
    const method = (request.params.method ?? '').toLowerCase();
    const call = Object.hasOwn(calls, method) ? calls[method] : undefined;
    if (!call) throw new DomainError('unknown_method', 'unknown method');
    const params = requestParams(request.query, request.body);
    const scope = authenticated(request);
    return send(reply, readFormat(params.query.format), await call({ db, scope, params }));
  };
  app.route<CallRoute>({ method: ['GET', 'POST'], url: '/api/customer', handler });
  app.route<CallRoute>({ method: ['GET', 'POST'], url: '/api/customer/:method', handler });
};
