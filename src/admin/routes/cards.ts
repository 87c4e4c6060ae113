import type { AdminWrite } from '../idempotency.ts';
import type { FastifyInstance } from 'fastify';
import { cardsAfter, requireCardById } from '../../core/admin-lists.ts';
import { createCard, deleteCard, MEDIA, saveCard, STATUSES, type CardInput } from '../../core/cards.ts';
import type { CardRow } from '../../store/cards.ts';
import type { Db } from '../../store/db.ts';
import { tenantScope, type PageQuery } from '../context.ts';
import { decodeCursor, pageOf } from '../cursor.ts';
import { errorReplies, id, pageOfSchema, pageQuery, tenantItemParams, tenantParams } from '../schemas.ts';
import { noFields } from '../problem.ts';

const nullableText = { type: ['string', 'null'] } as const;

export const cardSchema = {
  type: 'object',
  required: ['id', 'uid', 'medium', 'status', 'created_at', 'updated_at'],
  properties: {
    id: { type: 'integer' },
    customer: { type: ['integer', 'null'] },
    type: { type: ['integer', 'null'] },
    type_name: nullableText,
    uid: { type: 'string' },
    uid_ean13: nullableText,
    barcode: nullableText,
    external_id: nullableText,
    medium: { type: 'string', enum: [...MEDIA] },
    status: { type: 'string', enum: [...STATUSES] },
    block_date: nullableText,
    activate_date: nullableText,
    created_at: { type: 'string' },
    updated_at: { type: 'string' },
  },
} as const;

const cardInput = (required: string[]) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties: {
    uid: { type: 'string' },
    uid_ean13: { type: 'string' },
    barcode: { type: 'string' },
    external_id: { type: 'string' },
    medium: { type: 'string', description: MEDIA.join(', ') },
    status: { type: 'string', description: STATUSES.join(', ') },
    block_date: nullableText,
    activate_date: nullableText,
    // Ids as in a path (1 to 2^31 - 1): a larger one failed in PostgreSQL's integer columns, a 500.
    type_id: id,
    type_name: { type: 'string' },
    customer_id: id,
    customer_external_id: { type: 'string' },
  },
});

export function renderCard(c: CardRow) {
  const { customer_id, type_id, ...rest } = c;
  return { ...rest, customer: customer_id, type: type_id };
}

/** Discount cards: the same rules as virtpos's insertCard, updateCard and deleteCard. */
export function cardRoutes(app: FastifyInstance, db: Db, write: AdminWrite) {
  app.get<{ Params: { tenant: number }; Querystring: PageQuery }>(
    '/tenants/:tenant/cards',
    {
      schema: {
        tags: ['cards'],
        summary: 'List discount cards',
        params: tenantParams,
        querystring: { type: 'object', properties: pageQuery },
        response: { 200: pageOfSchema(cardSchema), ...errorReplies },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const rows = await cardsAfter(db, await tenantScope(db, request), decodeCursor(cursor), limit + 1);
      return pageOf(rows, limit, (c) => c.id, renderCard);
    },
  );

  app.get<{ Params: { tenant: number; id: number } }>(
    '/tenants/:tenant/cards/:id',
    {
      schema: {
        tags: ['cards'],
        summary: 'Get a discount card',
        params: tenantItemParams,
        response: { 200: cardSchema, ...errorReplies },
      },
    },
    async (request) =>
      renderCard(await requireCardById(db, await tenantScope(db, request), request.params.id)),
  );

  app.post<{ Params: { tenant: number }; Body: CardInput }>(
    '/tenants/:tenant/cards',
    {
      schema: {
        tags: ['cards'],
        summary: 'Create a discount card (uid, barcode and external id unique in the tenant)',
        params: tenantParams,
        body: cardInput(['uid']),
        response: { 201: cardSchema, ...errorReplies },
      },
    },
    write(201, async (db, request) => {
      const scope = await tenantScope(db, request);
      const { id } = await createCard(db, scope, request.body);
      return renderCard(await requireCardById(db, scope, id));
    }),
  );

  app.patch<{ Params: { tenant: number; id: number }; Body: CardInput }>(
    '/tenants/:tenant/cards/:id',
    {
      schema: {
        tags: ['cards'],
        summary: "Change a discount card's fields",
        params: tenantItemParams,
        body: { ...cardInput([]), minProperties: 1 },
        response: { 200: cardSchema, ...errorReplies },
      },
    },
    write(200, async (db, request) => {
      const scope = await tenantScope(db, request);
      await saveCard(db, scope, { cardId: request.params.id }, request.body, false);
      return renderCard(await requireCardById(db, scope, request.params.id));
    }),
  );

  app.delete<{ Params: { tenant: number; id: number } }>(
    '/tenants/:tenant/cards/:id',
    {
      preValidation: noFields,
      schema: {
        tags: ['cards'],
        summary: 'Delete a discount card',
        params: tenantItemParams,
        response: { 204: { type: 'null' }, ...errorReplies },
      },
    },
    write(204, async (db, request) => {
      await deleteCard(db, await tenantScope(db, request), { cardId: request.params.id });
      return null;
    }),
  );
}
