import type { AdminWrite } from '../idempotency.ts';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { agenciesAfter, ownersAfter, requireAgency, setAgencyEnabled } from '../../core/admin-lists.ts';
import { createAgency } from '../../core/agency-create.ts';
import { AGENCY_FIELDS } from '../../core/agency-fields.ts';
import { createOwner } from '../../core/owners.ts';
import type { AgencyRow } from '../../store/admin-lists.ts';
import type { Db } from '../../store/db.ts';
import { tenantScope, type PageQuery } from '../context.ts';
import { noFields, problem, Refused } from '../problem.ts';
import { decodeCursor, pageOf } from '../cursor.ts';
import { errorReplies, id, pageOfSchema, pageQuery, tenantItemParams, tenantParams } from '../schemas.ts';

const ownerSchema = {
  type: 'object',
  required: ['id', 'code', 'name', 'created_at'],
  properties: {
    id: { type: 'integer' },
    code: { type: 'string' },
    name: { type: 'string' },
    created_at: { type: 'string' },
  },
} as const;

const agencySchema = {
  type: 'object',
  required: ['id', 'owner', 'code', 'name', 'enabled'],
  properties: {
    id: { type: 'integer' },
    owner: { type: 'integer' },
    code: { type: 'string' },
    name: { type: 'string' },
    city: { type: 'string' },
    country: { type: 'string' },
    currency: { type: 'string' },
    mailstaff: { type: 'string' },
    telephone: { type: 'string' },
    enabled: { type: 'boolean' },
    created_at: { type: 'string' },
    updated_at: { type: 'string' },
  },
} as const;

/**
 * The body of a new agency: its owner's id and the fields of one Netstorming insert item, by the same names. The
 * fields are checked by the core with Netstorming's rules (so any JSON value passes the schema), and each refusal
 * comes back by its field.
 */
const newAgencySchema = {
  type: 'object',
  additionalProperties: false,
  // Only the owner here: the core says every missing or invalid field at once, in Netstorming's words.
  required: ['owner'],
  properties: {
    owner: id,
    ...Object.fromEntries(
      AGENCY_FIELDS.map(({ field, required }) => [
        field,
        {
          description: `${required ? 'required' : 'optional'}: as in Netstorming /api/customers/insert (docs/netstorming.md)`,
        },
      ]),
    ),
  },
} as const;

function renderAgency({ owner_id, enabled, ...a }: AgencyRow) {
  return { ...a, owner: owner_id, enabled: enabled === 1 };
}

/** Netstorming owners (tour operators' sub-accounts) and their agencies: list, read, create, enable, disable. */
export function agencyRoutes(app: FastifyInstance, db: Db, write: AdminWrite, config: Config) {
  app.get<{ Params: { tenant: number }; Querystring: PageQuery }>(
    '/tenants/:tenant/owners',
    {
      schema: {
        tags: ['agencies'],
        summary: 'List Netstorming owners',
        params: tenantParams,
        querystring: { type: 'object', properties: pageQuery },
        response: { 200: pageOfSchema(ownerSchema), ...errorReplies },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const rows = await ownersAfter(db, await tenantScope(db, request), decodeCursor(cursor), limit + 1);
      return pageOf(
        rows,
        limit,
        (o) => o.id,
        ({ tenant_id: _t, ...o }) => o,
      );
    },
  );

  app.post<{ Params: { tenant: number }; Body: { code: string; name?: string } }>(
    '/tenants/:tenant/owners',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Create a Netstorming owner',
        params: tenantParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['code'],
          properties: { code: { type: 'string' }, name: { type: 'string' } },
        },
        response: { 201: ownerSchema, ...errorReplies },
      },
    },
    write(201, async (db, request) => {
      const { tenantId } = await tenantScope(db, request);
      const { tenant_id: _t, ...owner } = await createOwner(db, tenantId, request.body);
      return owner;
    }),
  );

  app.get<{ Params: { tenant: number }; Querystring: PageQuery & { owner?: number } }>(
    '/tenants/:tenant/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: 'List agencies (of one owner with `owner`)',
        params: tenantParams,
        querystring: { type: 'object', properties: { ...pageQuery, owner: id } },
        response: { 200: pageOfSchema(agencySchema), ...errorReplies },
      },
    },
    async (request) => {
      const { limit, cursor, owner } = request.query;
      const scope = await tenantScope(db, request);
      const rows = await agenciesAfter(db, scope, owner, decodeCursor(cursor), limit + 1);
      return pageOf(rows, limit, (a) => a.id, renderAgency);
    },
  );

  app.post<{ Params: { tenant: number }; Body: { owner: number } & Record<string, unknown> }>(
    '/tenants/:tenant/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Create an agency and its admin user, as one item of Netstorming /api/customers/insert',
        params: tenantParams,
        body: newAgencySchema,
        response: { 201: agencySchema, ...errorReplies },
      },
    },
    write(201, async (db, request) => {
      const scope = await tenantScope(db, request);
      const { owner, ...fields } = request.body;
      const made = await createAgency(db, scope, owner, fields, config.passwordScryptN);
      if (made.ok) return renderAgency(made.agency);
      const [status, code, detail] = made.taken
        ? ([409, 'conflict', 'this agency code is taken'] as const)
        : ([400, 'invalid_value', 'the agency was not created: see the fields'] as const);
      throw new Refused(problem(status, code, detail, made.problems));
    }),
  );

  app.get<{ Params: { tenant: number; id: number } }>(
    '/tenants/:tenant/agencies/:id',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Get an agency',
        params: tenantItemParams,
        response: { 200: agencySchema, ...errorReplies },
      },
    },
    async (request) =>
      renderAgency(await requireAgency(db, await tenantScope(db, request), request.params.id)),
  );

  for (const [path, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    app.post<{ Params: { tenant: number; id: number } }>(
      `/tenants/:tenant/agencies/:id/${path}`,
      {
        preValidation: noFields,
        schema: {
          tags: ['agencies'],
          summary: `${enabled ? 'Enable' : 'Disable'} an agency (as Netstorming's ${path})`,
          params: tenantItemParams,
          response: { 200: agencySchema, ...errorReplies },
        },
      },
      write(200, async (db, request) =>
        renderAgency(await setAgencyEnabled(db, await tenantScope(db, request), request.params.id, enabled)),
      ),
    );
  }
}
