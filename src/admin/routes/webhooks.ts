import { refuseIdempotencyKey, type AdminWrite } from '../idempotency.ts';
import type { FastifyInstance } from 'fastify';
import { EVENT_TYPES } from '../../core/events.ts';
import {
  createWebhook,
  DELIVERY_STATUSES,
  FORMATS,
  listDeliveries,
  listWebhooks,
  redeliverOfTenant,
  removeTenantWebhook,
} from '../../core/webhooks.ts';
import type { Config } from '../../config.ts';
import type { DeliveryStatus } from '../../store/deliveries.ts';
import type { Db } from '../../store/db.ts';
import { tenantScope } from '../context.ts';
import { errorReplies, id, pageOfSchema, tenantItemParams, tenantParams } from '../schemas.ts';
import { noFields } from '../problem.ts';

const webhookSchema = {
  type: 'object',
  required: ['id', 'tenant', 'url', 'format', 'events', 'active', 'created_at'],
  properties: {
    id: { type: 'integer' },
    tenant: { type: 'integer' },
    url: { type: 'string' },
    format: { type: 'string', enum: [...FORMATS] },
    events: { type: ['array', 'null'], items: { type: 'string' } },
    active: { type: 'boolean' },
    created_at: { type: 'string' },
  },
} as const;

const deliverySchema = {
  type: 'object',
  required: ['id', 'webhook', 'event', 'status', 'attempts'],
  properties: {
    id: { type: 'integer' },
    webhook: { type: 'integer' },
    event: { type: 'string' },
    event_id: { type: 'integer' },
    status: { type: 'string', enum: [...DELIVERY_STATUSES] },
    attempts: { type: 'integer' },
    last_status_code: { type: ['integer', 'null'] },
    last_error: { type: ['string', 'null'] },
    next_attempt_at: { type: ['string', 'null'] },
    created_at: { type: 'string' },
    delivered_at: { type: ['string', 'null'] },
  },
} as const;

/** A tenant's webhooks and their deliveries: the same core operations as `clientele webhook …`. */
export function webhookRoutes(app: FastifyInstance, db: Db, write: AdminWrite, config: Config) {
  app.get<{ Params: { tenant: number } }>(
    '/tenants/:tenant/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: "List a tenant's webhooks (never their secrets)",
        params: tenantParams,
        response: { 200: pageOfSchema(webhookSchema), ...errorReplies },
      },
    },
    async (request) => ({
      items: await listWebhooks(db, (await tenantScope(db, request)).tenantId),
      next_cursor: null,
    }),
  );

  app.post<{ Params: { tenant: number }; Body: { url: string; format?: string; events?: string[] } }>(
    '/tenants/:tenant/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Add a webhook: the reply is the only time its signing secret is shown',
        params: tenantParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['url'],
          properties: {
            url: { type: 'string', maxLength: 2000 },
            format: { type: 'string', enum: [...FORMATS] },
            events: { type: 'array', items: { type: 'string', enum: [...EVENT_TYPES] } },
          },
        },
        response: {
          201: {
            ...webhookSchema,
            required: [...webhookSchema.required, 'secret'],
            properties: { ...webhookSchema.properties, secret: { type: 'string' } },
          },
          ...errorReplies,
        },
      },
    },
    async (request, reply) => {
      // The reply shows a secret once: it is never stored, so an Idempotency-Key is refused (see idempotency.ts).
      refuseIdempotencyKey(request);
      const { tenantId } = await tenantScope(db, request);
      const created = await createWebhook(
        db,
        { tenantId, ...request.body },
        { allowPrivate: config.webhookAllowPrivate },
      );
      return reply.status(201).send(created);
    },
  );

  app.delete<{ Params: { tenant: number; id: number } }>(
    '/tenants/:tenant/webhooks/:id',
    {
      preValidation: noFields,
      schema: {
        tags: ['webhooks'],
        summary: 'Remove a webhook and its deliveries',
        params: tenantItemParams,
        response: { 204: { type: 'null' }, ...errorReplies },
      },
    },
    write(204, async (db, request) => {
      const { tenantId } = await tenantScope(db, request);
      await removeTenantWebhook(db, tenantId, request.params.id);
      return null;
    }),
  );

  app.get<{
    Params: { tenant: number };
    Querystring: { webhook?: number; status?: DeliveryStatus; limit: number };
  }>(
    '/tenants/:tenant/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'The latest deliveries, oldest first (by webhook and status)',
        params: tenantParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            webhook: id,
            status: { type: 'string', enum: [...DELIVERY_STATUSES] },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
          },
        },
        response: { 200: pageOfSchema(deliverySchema), ...errorReplies },
      },
    },
    async (request) => {
      const { tenantId } = await tenantScope(db, request);
      const { webhook, status, limit } = request.query;
      return {
        items: await listDeliveries(db, { tenantId, webhookId: webhook, status }, limit),
        next_cursor: null,
      };
    },
  );

  app.post<{ Params: { tenant: number; id: number } }>(
    '/tenants/:tenant/deliveries/:id/redeliver',
    {
      preValidation: noFields,
      schema: {
        tags: ['webhooks'],
        summary: 'Send a delivery again (same id and payload, a new attempt)',
        params: tenantItemParams,
        response: { 204: { type: 'null' }, ...errorReplies },
      },
    },
    write(204, async (db, request) => {
      const { tenantId } = await tenantScope(db, request);
      await redeliverOfTenant(db, tenantId, request.params.id);
      return null;
    }),
  );
}
