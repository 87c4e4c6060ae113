import type { AdminWrite } from '../idempotency.ts';
import type { FastifyInstance } from 'fastify';
import {
  DUPLICATE_REASONS,
  eraseCustomer,
  exportCustomer,
  findDuplicates,
  mergeCustomers,
} from '../../core/guest-data.ts';
import { invalid } from '../../core/errors.ts';
import type { Db } from '../../store/db.ts';
import type { Sandbox } from '../../sandbox/sandbox.ts';
import { tenantScope } from '../context.ts';
import { exportSchema, renderExport } from '../customer-export.ts';
import { errorReplies, id, tenantItemParams, tenantParams } from '../schemas.ts';
import { noFields } from '../problem.ts';

const mergeReport = {
  type: 'object',
  required: ['source', 'target', 'dry_run', 'moves', 'filled', 'conflicts'],
  properties: {
    source: { type: 'integer' },
    target: { type: 'integer' },
    dry_run: { type: 'boolean' },
    moves: {
      type: 'object',
      properties: {
        reservations_booked: { type: 'integer' },
        room_guests: { type: 'integer' },
        documents: { type: 'integer' },
        cards: { type: 'integer' },
        external_id: { type: 'boolean' },
        accumulated_sales: { type: 'number', description: "the source's, added to the target's" },
        bonus_balance: { type: 'number', description: "the source's, added to the target's" },
      },
    },
    filled: { type: 'array', items: { type: 'string' } },
    conflicts: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, source: {}, target: {} },
      },
    },
  },
} as const;

/**
 * A data subject's requests (export, erasure), and duplicates found and merged. Export and erasure write this
 * node's pending journal entries first, so that they see every request it answered (docs/guest-data.md).
 */
export function guestDataRoutes(app: FastifyInstance, db: Db, write: AdminWrite, sandbox: Sandbox) {
  const flush = () => sandbox.journal?.flush();
  app.get<{ Params: { tenant: number }; Querystring: { limit: number } }>(
    '/tenants/:tenant/customers/duplicates',
    {
      schema: {
        tags: ['customers'],
        summary:
          'Likely duplicates: same e-mail, same phone (E.164), same document, or same name and birthday',
        params: tenantParams,
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 500 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['reason', 'value', 'customers'],
                  properties: {
                    reason: { type: 'string', enum: [...DUPLICATE_REASONS] },
                    value: { type: ['string', 'null'] },
                    customers: { type: 'array', items: { type: 'integer' } },
                  },
                },
              },
            },
          },
          ...errorReplies,
        },
      },
    },
    async (request) => ({
      items: await findDuplicates(db, await tenantScope(db, request), request.query.limit),
    }),
  );

  app.post<{ Params: { tenant: number }; Body: { source: number; target: number; dry_run?: boolean } }>(
    '/tenants/:tenant/customers/merge',
    {
      schema: {
        tags: ['customers'],
        summary:
          'Merge `source` into `target`: reservations, stays, documents and cards move; empty fields fill; the ' +
          'source id then answers as missing. `dry_run` reports only.',
        params: tenantParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['source', 'target'],
          properties: { source: id, target: id, dry_run: { type: 'boolean' } },
        },
        response: { 200: mergeReport, ...errorReplies },
      },
    },
    write(200, async (db, request) => {
      const { source, target, dry_run } = request.body;
      return mergeCustomers(db, await tenantScope(db, request), source, target, dry_run === true);
    }),
  );

  app.get<{ Params: { tenant: number; id: number } }>(
    '/tenants/:tenant/customers/:id/export',
    {
      schema: {
        tags: ['customers'],
        summary:
          'Everything held about a person: customer, documents (decrypted), reservations, cards, the ' +
          'request journal entries naming them, and the events about them',
        params: tenantItemParams,
        response: {
          200: exportSchema,
          ...errorReplies,
        },
      },
    },
    async (request) => {
      await flush();
      return renderExport(await exportCustomer(db, await tenantScope(db, request), request.params.id));
    },
  );

  app.delete<{ Params: { tenant: number; id: number }; Querystring: { erase?: boolean } }>(
    '/tenants/:tenant/customers/:id',
    {
      preValidation: noFields,
      schema: {
        tags: ['customers'],
        summary:
          'Erase a person (`?erase=true`): an anonymous customer takes their place on reservations and cards; ' +
          'their row and documents are deleted',
        params: tenantItemParams,
        querystring: { type: 'object', properties: { erase: { type: 'boolean' } } },
        response: {
          200: {
            type: 'object',
            required: ['erased', 'replaced_by'],
            properties: { erased: { type: 'integer' }, replaced_by: { type: 'integer' } },
          },
          ...errorReplies,
        },
      },
    },
    write(200, async (db, request) => {
      if (request.query.erase !== true) {
        throw invalid('a customer is only ever erased: send erase=true (docs/guest-data.md)', 'erase');
      }
      const scope = await tenantScope(db, request);
      await flush();
      const anonymous = await eraseCustomer(db, scope, request.params.id);
      return { erased: request.params.id, replaced_by: anonymous };
    }),
  );
}
