import type { AdminWrite } from '../idempotency.ts';
import type { FastifyInstance } from 'fastify';
import {
  exportInventory,
  importInventory,
  listRooms,
  listRoomTypes,
  validateInventory,
} from '../../core/inventory.ts';
import { previewInventory } from '../../core/inventory-preview.ts';
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

const keys = { type: 'array', items: { type: 'string' } } as const;
const previewSchema = {
  type: 'object',
  required: ['changes', 'values', 'sections'],
  properties: {
    changes: { type: 'integer', description: 'values changed plus entries added, removed or changed' },
    values: {
      type: 'array',
      description: 'single values of the file that change (prefix, timezone, vat, tourist_tax, …)',
      items: {
        type: 'object',
        required: ['key', 'from', 'to'],
        properties: { key: { type: 'string' }, from: {}, to: {} },
      },
    },
    sections: {
      type: 'array',
      description: 'each list of the file: entries before and after, and which are added, removed or changed',
      items: {
        type: 'object',
        required: ['section', 'before', 'after', 'added', 'removed', 'changed'],
        properties: {
          section: { type: 'string' },
          before: { type: 'integer' },
          after: { type: 'integer' },
          added: keys,
          removed: keys,
          changed: keys,
        },
      },
    },
  },
} as const;

/** Rooms and room types (one page: a property's are few), and the whole inventory file, read and replaced. */
export function propertyRoutes(app: FastifyInstance, db: Db, write: AdminWrite) {
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
    write(200, async (db, request) => {
      const { tenantId } = await tenantScope(db, request);
      await importInventory(db, tenantId, validateInventory(request.body));
      return exportInventory(db, tenantId);
    }),
  );

  app.post<{ Params: { tenant: number }; Body: unknown }>(
    '/tenants/:tenant/inventory/preview',
    {
      schema: {
        tags: ['property'],
        summary: 'What replacing the inventory with a file would change (a dry run: nothing is written)',
        description:
          'The same validation and refusals as `PUT …/inventory` (400 for a bad file, 409 when a room with ' +
          'reservations would go), then the differences between the inventory now and after, as `GET` writes it.',
        params: tenantParams,
        body: inventorySchema,
        response: { 200: previewSchema, ...errorReplies },
      },
    },
    async (request) => {
      const { tenantId } = await tenantScope(db, request);
      return previewInventory(db, tenantId, validateInventory(request.body));
    },
  );
}
