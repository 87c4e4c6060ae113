import type { AdminWrite } from '../idempotency.ts';
import type { FastifyInstance } from 'fastify';
import { clearJournal, journalCount, journalEntries, type JournalQuery } from '../../core/journal.ts';
import type { Db } from '../../store/db.ts';
import type { Sandbox } from '../../sandbox/sandbox.ts';
import { errorReplies, tenantParams } from '../schemas.ts';
import { noFields } from '../problem.ts';

export const entrySchema = {
  type: 'object',
  required: ['id', 'at', 'dialect', 'call', 'method', 'path', 'status', 'duration_ms'],
  properties: {
    id: { type: 'integer' },
    at: { type: 'string' },
    dialect: { type: 'string' },
    call: { type: 'string' },
    method: { type: 'string' },
    path: { type: 'string', description: 'with keys and document numbers redacted' },
    status: { type: 'integer', description: '0: the connection was dropped (a reset fault)' },
    duration_ms: { type: 'number' },
    request_body: { type: ['string', 'null'], description: 'redacted, cut at 16 KB' },
    reply_body: { type: ['string', 'null'], description: 'redacted, cut at 4 KB' },
  },
} as const;

const filters = {
  call: { type: 'string', maxLength: 200, description: 'dialect:call (zak:reservations/new) or a dialect' },
  status: { type: 'integer', minimum: 0, maximum: 599 },
  since: { type: 'string', maxLength: 40, description: 'ISO timestamp: requests at or after it' },
} as const;

type Query = JournalQuery & { limit: number };

/** The request journal of a tenant (docs/sandbox.md). Reads flush this node's pending entries first. */
export function journalRoutes(app: FastifyInstance, db: Db, write: AdminWrite, sandbox: Sandbox) {
  const clear = write<{ Params: { tenant: number } }>(204, async (db, request) => {
    await clearJournal(db, request.params.tenant);
  });
  const flush = () => sandbox.journal?.flush();

  app.get<{ Params: { tenant: number }; Querystring: Query }>(
    '/tenants/:tenant/requests',
    {
      schema: {
        tags: ['sandbox'],
        summary: "A tenant's last requests, newest first (JOURNAL_SIZE per tenant)",
        params: tenantParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...filters, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: entrySchema } },
          },
          ...errorReplies,
        },
      },
    },
    async (request) => {
      await flush();
      const { limit, ...query } = request.query;
      return { items: await journalEntries(db, request.params.tenant, query, limit) };
    },
  );

  app.get<{ Params: { tenant: number }; Querystring: JournalQuery }>(
    '/tenants/:tenant/requests/count',
    {
      schema: {
        tags: ['sandbox'],
        summary: 'How many journaled requests match (verification, as WireMock offers it)',
        params: tenantParams,
        querystring: { type: 'object', additionalProperties: false, properties: filters },
        response: {
          200: { type: 'object', required: ['count'], properties: { count: { type: 'integer' } } },
          ...errorReplies,
        },
      },
    },
    async (request) => {
      await flush();
      return { count: await journalCount(db, request.params.tenant, request.query) };
    },
  );

  app.delete<{ Params: { tenant: number } }>(
    '/tenants/:tenant/requests',
    {
      preValidation: noFields,
      schema: {
        tags: ['sandbox'],
        summary: "Clear a tenant's journal",
        params: tenantParams,
        response: { 204: { type: 'null' }, ...errorReplies },
      },
    },
    async (request, reply) => {
      // The journal's pending lines are written on the store's own handle: before the write's transaction.
      await flush();
      return clear(request, reply);
    },
  );
}
