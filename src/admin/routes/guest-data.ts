import type { FastifyInstance } from 'fastify';
import { eraseCustomer, exportCustomer } from '../../core/guest-data.ts';
import { invalid } from '../../core/errors.ts';
import type { Db } from '../../store/db.ts';
import { tenantScope } from '../context.ts';
import { customerWithDocuments } from '../customer-schemas.ts';
import { errorReplies, tenantItemParams } from '../schemas.ts';
import { cardSchema, renderCard } from './cards.ts';
import { renderCustomer } from './customers.ts';
import { renderReservation, reservationSchema } from './reservations.ts';

/** A data subject's requests: export of everything held about a person, and erasure. */
export function guestDataRoutes(app: FastifyInstance, db: Db) {
  app.get<{ Params: { tenant: number; id: number } }>(
    '/tenants/:tenant/customers/:id/export',
    {
      schema: {
        tags: ['customers'],
        summary: 'Everything held about a person: customer, documents (decrypted), reservations, cards',
        params: tenantItemParams,
        response: {
          200: {
            type: 'object',
            required: ['exported_at', 'customer', 'reservations', 'cards'],
            properties: {
              exported_at: { type: 'string' },
              customer: customerWithDocuments,
              reservations: { type: 'array', items: reservationSchema },
              cards: { type: 'array', items: cardSchema },
            },
          },
          ...errorReplies,
        },
      },
    },
    async (request) => {
      const exported = await exportCustomer(db, await tenantScope(db, request), request.params.id);
      return {
        exported_at: exported.exported_at,
        customer: { ...renderCustomer(exported.customer), documents: exported.documents },
        reservations: exported.reservations.map(renderReservation),
        cards: exported.cards.map(renderCard),
      };
    },
  );

  app.delete<{ Params: { tenant: number; id: number }; Querystring: { erase?: boolean } }>(
    '/tenants/:tenant/customers/:id',
    {
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
    async (request) => {
      if (request.query.erase !== true) {
        throw invalid('a customer is only ever erased: send erase=true (docs/guest-data.md)', 'erase');
      }
      const scope = await tenantScope(db, request);
      const anonymous = await eraseCustomer(db, scope, request.params.id);
      return { erased: request.params.id, replaced_by: anonymous };
    },
  );
}
