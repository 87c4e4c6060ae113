import type { AdminWrite } from '../idempotency.ts';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { clockOf, describeClock, setClock, validateClock } from '../../core/clock.ts';
import { resetTenant, restoreTenant, snapshotChunks, SNAPSHOT_VERSION } from '../../core/tenant-state.ts';
import { getTenant } from '../../core/tenants.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../store/db.ts';
import type { Sandbox } from '../../sandbox/sandbox.ts';
import { errorReplies, tenantParams } from '../schemas.ts';
import { noFields } from '../problem.ts';

const clockSchema = {
  type: 'object',
  required: ['today', 'offset_days', 'real', 'now', 'tenant_today'],
  properties: {
    today: { type: ['string', 'null'], description: 'the pinned day, if any' },
    offset_days: { type: ['integer', 'null'], description: 'the shift in days, if any' },
    real: { type: 'boolean', description: 'true: the tenant follows the real clock' },
    now: { type: 'string', description: 'what "now" is for the tenant' },
    tenant_today: { type: 'string', description: 'what "today" is in the tenant\'s time zone' },
  },
} as const;

const snapshotSchema = {
  type: 'object',
  description: `A tenant's state: {"format": "clientele-snapshot", "version": ${SNAPSHOT_VERSION}, "tenant", "taken_at", "tables": {…}, "complete": true}`,
  required: ['format', 'version', 'tenant', 'tables', 'complete'],
  properties: {
    format: { type: 'string' },
    version: { type: 'integer' },
    tenant: { type: 'integer' },
    taken_at: { type: 'string' },
    tables: { type: 'object' },
    complete: { type: 'boolean' },
  },
} as const;

/** A tenant's clock, reset, snapshot and restore (docs/sandbox.md). */
export function sandboxStateRoutes(
  app: FastifyInstance,
  db: Db,
  write: AdminWrite,
  sandbox: Sandbox,
  config: Config,
) {
  const params = { params: tenantParams };

  app.get<{ Params: { tenant: number } }>(
    '/tenants/:tenant/clock',
    {
      schema: {
        tags: ['sandbox'],
        summary: "A tenant's clock",
        ...params,
        response: { 200: clockSchema, ...errorReplies },
      },
    },
    async (request) => {
      const tenant = await getTenant(db, request.params.tenant);
      return describeClock(await clockOf(db, tenant.id), tenant.timezone);
    },
  );

  app.put<{ Params: { tenant: number }; Body: unknown }>(
    '/tenants/:tenant/clock',
    {
      schema: {
        tags: ['sandbox'],
        summary: 'Set what today and now mean for this tenant only: {"today"}, {"offset_days"} or null',
        ...params,
        body: {
          type: ['object', 'null'],
          properties: { today: { type: 'string' }, offset_days: { type: 'integer' } },
        },
        response: { 200: clockSchema, ...errorReplies },
      },
    },
    write(200, async (db, request) => {
      const tenant = await getTenant(db, request.params.tenant);
      const clock = validateClock(request.body ?? null);
      await setClock(db, tenant.id, clock);
      return describeClock(clock, tenant.timezone);
    }),
  );

  app.delete<{ Params: { tenant: number } }>(
    '/tenants/:tenant/clock',
    {
      preValidation: noFields,
      schema: {
        tags: ['sandbox'],
        summary: 'Back to the real clock (as PUT null)',
        ...params,
        response: { 200: clockSchema, ...errorReplies },
      },
    },
    write(200, async (db, request) => {
      const tenant = await getTenant(db, request.params.tenant);
      await setClock(db, tenant.id, null);
      return describeClock(null, tenant.timezone);
    }),
  );

  app.post<{ Params: { tenant: number } }>(
    '/tenants/:tenant/reset',
    {
      preValidation: noFields,
      schema: {
        tags: ['sandbox'],
        summary:
          "Empty a tenant's customers, reservations, cards, agencies and journal (keys, inventory, webhooks stay)",
        ...params,
        response: { 204: { type: 'null' }, ...errorReplies },
      },
    },
    write(204, async (db, request) => {
      await sandbox.journal?.discard(request.params.tenant);
      await resetTenant(db, request.params.tenant);
    }),
  );

  app.get<{ Params: { tenant: number } }>(
    '/tenants/:tenant/snapshot',
    {
      schema: {
        tags: ['sandbox'],
        summary: "A tenant's whole state as one JSON document (streamed)",
        ...params,
        response: { 200: snapshotSchema, ...errorReplies },
      },
    },
    async (request, reply) => {
      await getTenant(db, request.params.tenant);
      return reply
        .type('application/json; charset=utf-8')
        .send(Readable.from(snapshotChunks(db, request.params.tenant)));
    },
  );

  app.put<{ Params: { tenant: number }; Body: unknown }>(
    '/tenants/:tenant/snapshot',
    {
      bodyLimit: config.bulkBodyLimit,
      schema: {
        tags: ['sandbox'],
        summary: 'Restore a snapshot of this tenant exactly (ids included), all or nothing',
        ...params,
        body: { type: 'object' },
        response: {
          200: { type: 'object', required: ['rows'], properties: { rows: { type: 'integer' } } },
          ...errorReplies,
        },
      },
    },
    write(200, (db, request) => restoreTenant(db, request.params.tenant, request.body)),
  );
}
