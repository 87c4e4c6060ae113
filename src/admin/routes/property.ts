import type { FastifyInstance } from 'fastify';
import {
  exportInventory,
  importInventory,
  listRooms,
  listRoomTypes,
  validateInventory,
} from '../../core/inventory.ts';
import { fromCents } from '../../core/money.ts';
import type { Db } from '../../store/db.ts';
import { tenantScope } from '../context.ts';
import { errorReplies, pageOfSchema, tenantParams } from '../schemas.ts';

const roomSchema = {
  type: 'object',
  required: ['id', 'room_type', 'name', 'tags'],
  properties: {
    id: { type: 'integer' },
    room_type: { type: 'integer' },
    name: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
  },
} as const;

const roomTypeSchema = {
  type: 'object',
  required: ['id', 'name', 'shortname', 'capacity', 'price'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    shortname: { type: 'string' },
    capacity: { type: 'integer' },
    price: { type: 'number' },
  },
} as const;

const inventorySchema = {
  type: 'object',
  description: 'The inventory file (docs/inventory.md)',
  additionalProperties: true,
} as const;

/** Rooms and room types (one page: a property's are few), and the whole inventory file, read and replaced. */
export function propertyRoutes(app: FastifyInstance, db: Db) {
  app.get<{ Params: { tenant: number } }>(
    '/tenants/:tenant/rooms',
    {
      schema: {
        tags: ['property'],
        summary: 'List rooms',
        params: tenantParams,
        response: { 200: pageOfSchema(roomSchema), ...errorReplies },
      },
    },
    async (request) => {
      const scope = await tenantScope(db, request);
      const rooms = await listRooms(db, scope.tenantId);
      const items = rooms.map((r) => ({ id: r.id, room_type: r.room_type_id, name: r.name, tags: r.tags }));
      return { items, next_cursor: null };
    },
  );

  app.get<{ Params: { tenant: number } }>(
    '/tenants/:tenant/room-types',
    {
      schema: {
        tags: ['property'],
        summary: 'List room types',
        params: tenantParams,
        response: { 200: pageOfSchema(roomTypeSchema), ...errorReplies },
      },
    },
    async (request) => {
      const scope = await tenantScope(db, request);
      const types = await listRoomTypes(db, scope.tenantId);
      const items = types.map(({ price_cents, ...t }) => ({ ...t, price: fromCents(price_cents) }));
      return { items, next_cursor: null };
    },
  );

  app.get<{ Params: { tenant: number } }>(
    '/tenants/:tenant/inventory',
    {
      schema: {
        tags: ['property'],
        summary: 'Get the inventory file',
        params: tenantParams,
        response: { 200: inventorySchema, ...errorReplies },
      },
    },
    async (request) => exportInventory(db, (await tenantScope(db, request)).tenantId),
  );

  app.put<{ Params: { tenant: number }; Body: unknown }>(
    '/tenants/:tenant/inventory',
    {
      schema: {
        tags: ['property'],
        summary: 'Replace the inventory with a file: validated whole, written in one transaction, or nothing',
        params: tenantParams,
        body: inventorySchema,
        response: { 200: inventorySchema, ...errorReplies },
      },
    },
    async (request) => {
      const { tenantId } = await tenantScope(db, request);
      await importInventory(db, tenantId, validateInventory(request.body));
      return exportInventory(db, tenantId);
    },
  );
}
