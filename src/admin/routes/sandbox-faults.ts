import type { AdminWrite } from '../idempotency.ts';
import type { FastifyInstance } from 'fastify';
import { addFault, clearFaults, listFaults, MAX_LATENCY_MS, removeFault } from '../../core/faults.ts';
import { getTenant } from '../../core/tenants.ts';
import type { Db } from '../../store/db.ts';
import { SANDBOX_CALLS } from '../../dialects/known-calls.ts';
import type { Sandbox } from '../../sandbox/sandbox.ts';
import { errorReplies, tenantItemParams, tenantParams } from '../schemas.ts';
import { noFields } from '../problem.ts';

const ruleFields = {
  call: {
    type: 'string',
    description: 'dialect:call (zak:reservations/new, virtpos:customer/update, …) or *',
    // Every call the server knows, for clients that offer a choice (the console's fault form).
    examples: ['*', ...[...SANDBOX_CALLS].sort()],
  },
  status: { type: ['integer', 'null'], description: '100-599; absent: the rule only delays' },
  body: { description: "sent as is instead of the dialect's error shape" },
  latency_ms: { type: 'integer', description: `0 to ${MAX_LATENCY_MS}` },
  probability: { type: 'number', description: '0 to 1 (default 1)' },
  times: { type: ['integer', 'null'], description: 'how many requests to fault; absent: every one' },
  reset: { type: 'boolean', description: 'drop the connection instead of answering' },
} as const;

const ruleSchema = {
  type: 'object',
  required: ['id', 'call', 'status', 'latency_ms', 'probability', 'times', 'reset', 'created_at'],
  properties: { id: { type: 'integer' }, ...ruleFields, created_at: { type: 'string' } },
} as const;

/**
 * A tenant's fault rules (docs/sandbox.md). A change applies at once on this node (its copy of the tenant's
 * rules is dropped) and within a second on every other node over the same store.
 */
export function faultRoutes(app: FastifyInstance, db: Db, write: AdminWrite, sandbox: Sandbox) {
  app.get<{ Params: { tenant: number } }>(
    '/tenants/:tenant/faults',
    {
      schema: {
        tags: ['sandbox'],
        summary: "A tenant's fault rules (spent ones left out), in the order they are tried",
        params: tenantParams,
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: ruleSchema } },
          },
          ...errorReplies,
        },
      },
    },
    async (request) => {
      await getTenant(db, request.params.tenant);
      return { items: await listFaults(db, request.params.tenant) };
    },
  );

  app.post<{ Params: { tenant: number }; Body: Record<string, unknown> }>(
    '/tenants/:tenant/faults',
    {
      schema: {
        tags: ['sandbox'],
        summary: 'Add a fault rule',
        params: tenantParams,
        body: { type: 'object', required: ['call'], properties: ruleFields },
        response: { 201: ruleSchema, ...errorReplies },
      },
    },
    write(201, async (db, request) => {
      const { tenant } = request.params;
      await getTenant(db, tenant);
      const rule = await addFault(db, tenant, request.body, SANDBOX_CALLS);
      sandbox.faults.forget(tenant);
      return rule;
    }),
  );

  app.delete<{ Params: { tenant: number } }>(
    '/tenants/:tenant/faults',
    {
      preValidation: noFields,
      schema: {
        tags: ['sandbox'],
        summary: "Remove all of a tenant's fault rules",
        params: tenantParams,
        response: { 204: { type: 'null' }, ...errorReplies },
      },
    },
    write(204, async (db, request) => {
      await getTenant(db, request.params.tenant);
      await clearFaults(db, request.params.tenant);
      sandbox.faults.forget(request.params.tenant);
    }),
  );

  app.delete<{ Params: { tenant: number; id: number } }>(
    '/tenants/:tenant/faults/:id',
    {
      preValidation: noFields,
      schema: {
        tags: ['sandbox'],
        summary: 'Remove one fault rule',
        params: tenantItemParams,
        response: { 204: { type: 'null' }, ...errorReplies },
      },
    },
    write(204, async (db, request) => {
      await removeFault(db, request.params.tenant, request.params.id);
      sandbox.faults.forget(request.params.tenant);
    }),
  );
}
