import { refuseIdempotencyKey, type AdminWrite } from '../idempotency.ts';
import type { FastifyInstance } from 'fastify';
import { keysOfTenant, revokeKeyOfTenant, tenantsAfter } from '../../core/admin-lists.ts';
import { createApiKey, createTenant, getTenant, type Tenant } from '../../core/tenants.ts';
import type { Db } from '../../store/db.ts';
import type { PageQuery } from '../context.ts';
import { decodeCursor, pageOf } from '../cursor.ts';
import { errorReplies, id, pageOfSchema, pageQuery, tenantItemParams, tenantParams } from '../schemas.ts';
import { noFields } from '../problem.ts';

const tenantSchema = {
  type: 'object',
  required: ['id', 'name', 'prefix', 'timezone', 'currency', 'country', 'created_at'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    prefix: { type: 'string' },
    timezone: { type: 'string' },
    currency: { type: 'string' },
    country: {
      type: 'string',
      description: 'ISO 3166-1 alpha-2: whose rules read phones without a country code',
    },
    created_at: { type: 'string' },
  },
} as const;

const keySchema = {
  type: 'object',
  required: ['id', 'prefix', 'created_at', 'revoked_at'],
  properties: {
    id: { type: 'integer' },
    prefix: { type: 'string' },
    created_at: { type: 'string' },
    revoked_at: { type: ['string', 'null'] },
  },
} as const;

const renderTenant = (t: Tenant) => t;

/** Tenants and their API keys. */
export function tenantRoutes(app: FastifyInstance, db: Db, write: AdminWrite) {
  app.get<{ Querystring: PageQuery }>(
    '/tenants',
    {
      schema: {
        tags: ['tenants'],
        summary: 'List tenants',
        querystring: { type: 'object', properties: pageQuery },
        response: { 200: pageOfSchema(tenantSchema), ...errorReplies },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const rows = await tenantsAfter(db, decodeCursor(cursor), limit + 1);
      return pageOf(rows, limit, (t) => t.id, renderTenant);
    },
  );

  app.post<{
    Body: { name: string; prefix?: string; timezone?: string; currency?: string; country?: string };
  }>(
    '/tenants',
    {
      schema: {
        tags: ['tenants'],
        summary: 'Create a tenant',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            prefix: { type: 'string', description: 'two letters (reservation codes XY-0001)' },
            timezone: { type: 'string', description: 'IANA name, default UTC' },
            currency: { type: 'string', description: 'ISO 4217, default EUR' },
            country: { type: 'string', description: 'ISO 3166-1 alpha-2, default RU (phone rules)' },
          },
        },
        response: { 201: tenantSchema, ...errorReplies },
      },
    },
    write(201, async (db, request) => renderTenant(await createTenant(db, request.body))),
  );

  app.get<{ Params: { tenant: number } }>(
    '/tenants/:tenant',
    {
      schema: {
        tags: ['tenants'],
        summary: 'Get a tenant',
        params: tenantParams,
        response: { 200: tenantSchema, ...errorReplies },
      },
    },
    async (request) => renderTenant(await getTenant(db, request.params.tenant)),
  );

  app.get<{ Params: { tenant: number }; Querystring: PageQuery }>(
    '/tenants/:tenant/keys',
    {
      schema: {
        tags: ['keys'],
        summary: "List a tenant's API keys (never the keys themselves)",
        params: tenantParams,
        querystring: { type: 'object', properties: pageQuery },
        response: { 200: pageOfSchema(keySchema), ...errorReplies },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const rows = await keysOfTenant(db, request.params.tenant, decodeCursor(cursor), limit + 1);
      return pageOf(
        rows,
        limit,
        (k) => k.id,
        (k) => k,
      );
    },
  );

  app.post<{ Params: { tenant: number } }>(
    '/tenants/:tenant/keys',
    {
      preValidation: noFields,
      schema: {
        tags: ['keys'],
        summary: 'Create an API key: the reply is the only time the key is shown',
        params: tenantParams,
        response: {
          201: {
            type: 'object',
            required: ['id', 'prefix', 'key'],
            properties: { id, prefix: { type: 'string' }, key: { type: 'string' } },
          },
          ...errorReplies,
        },
      },
    },
    async (request, reply) => {
      // The reply shows a secret once: it is never stored, so an Idempotency-Key is refused (see idempotency.ts).
      refuseIdempotencyKey(request);
      const issued = await createApiKey(db, request.params.tenant);
      return reply.status(201).send({ id: issued.id, prefix: issued.prefix, key: issued.key });
    },
  );

  app.delete<{ Params: { tenant: number; id: number } }>(
    '/tenants/:tenant/keys/:id',
    {
      preValidation: noFields,
      schema: {
        tags: ['keys'],
        summary: 'Revoke an API key (refused within a second on every node)',
        params: tenantItemParams,
        response: { 204: { type: 'null' }, ...errorReplies },
      },
    },
    write(204, async (db, request) => {
      await revokeKeyOfTenant(db, request.params.tenant, request.params.id);
      return null;
    }),
  );
}
