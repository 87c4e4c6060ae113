import type { AdminWrite } from '../idempotency.ts';
import type { FastifyInstance } from 'fastify';
import { searchCustomers } from '../../core/admin-lists.ts';
import {
  createCustomer,
  FLAG_FIELDS,
  getCustomerWithDocuments,
  updateCustomer,
  type CustomerInput,
} from '../../core/customers.ts';
import type { CustomerRow } from '../../store/customers.ts';
import type { Db } from '../../store/db.ts';
import { tenantScope, type PageQuery } from '../context.ts';
import { customerInput, customerSchema, customerWithDocuments } from '../customer-schemas.ts';
import { decodeCursor, pageOf } from '../cursor.ts';
import { errorReplies, pageOfSchema, pageQuery, tenantItemParams, tenantParams } from '../schemas.ts';

/** A stored customer on the admin wire: flags as booleans, no lookup keys, no tenant. */
export function renderCustomer(row: CustomerRow) {
  const { tenant_id: _t, email_key: _e, phone_key: _p, name_key: _n, surname_key: _s, ...fields } = row;
  const flags = Object.fromEntries(FLAG_FIELDS.map((f) => [f, row[f] === 1]));
  return { ...fields, ...flags };
}

/** Customers: search, read with documents, create, change. */
export function customerRoutes(app: FastifyInstance, db: Db, write: AdminWrite) {
  app.get<{ Params: { tenant: number }; Querystring: PageQuery & { q?: string } }>(
    '/tenants/:tenant/customers',
    {
      schema: {
        tags: ['customers'],
        summary: 'List or search customers',
        description:
          '`q`: an e-mail (exact, any case), a phone in any spelling (its digits), a name or surname prefix (any ' +
          'case), or a document number (exact). Each is one indexed lookup.',
        params: tenantParams,
        querystring: { type: 'object', properties: { ...pageQuery, q: { type: 'string', maxLength: 200 } } },
        response: { 200: pageOfSchema(customerSchema), ...errorReplies },
      },
    },
    async (request) => {
      const { limit, cursor, q } = request.query;
      const scope = await tenantScope(db, request);
      const rows = await searchCustomers(db, scope, q, decodeCursor(cursor), limit + 1);
      return pageOf(rows, limit, (c) => c.id, renderCustomer);
    },
  );

  app.get<{ Params: { tenant: number; id: number } }>(
    '/tenants/:tenant/customers/:id',
    {
      schema: {
        tags: ['customers'],
        summary: 'Get a customer with their identity documents',
        params: tenantItemParams,
        response: { 200: customerWithDocuments, ...errorReplies },
      },
    },
    async (request) => {
      const scope = await tenantScope(db, request);
      const { customer, documents } = await getCustomerWithDocuments(db, scope, request.params.id);
      return { ...renderCustomer(customer), documents };
    },
  );

  app.post<{ Params: { tenant: number }; Body: CustomerInput }>(
    '/tenants/:tenant/customers',
    {
      schema: {
        tags: ['customers'],
        summary: 'Create a customer',
        params: tenantParams,
        body: customerInput(['name', 'surname']),
        response: { 201: customerWithDocuments, ...errorReplies },
      },
    },
    write(201, async (db, request) => {
      const scope = await tenantScope(db, request);
      const id = await createCustomer(db, scope, request.body);
      const { customer, documents } = await getCustomerWithDocuments(db, scope, id);
      return { ...renderCustomer(customer), documents };
    }),
  );

  app.patch<{ Params: { tenant: number; id: number }; Body: CustomerInput }>(
    '/tenants/:tenant/customers/:id',
    {
      schema: {
        tags: ['customers'],
        summary: "Change a customer's fields (those given; null or '' clears an optional one)",
        params: tenantItemParams,
        body: { ...customerInput([]), minProperties: 1 },
        response: { 200: customerWithDocuments, ...errorReplies },
      },
    },
    write(200, async (db, request) => {
      const scope = await tenantScope(db, request);
      await updateCustomer(db, scope, request.params.id, request.body);
      const { customer, documents } = await getCustomerWithDocuments(db, scope, request.params.id);
      return { ...renderCustomer(customer), documents };
    }),
  );
}
