import { roomsAvailability } from '../../core/availability.ts';
import { listProducts, listRoomTypes, listRooms } from '../../core/inventory.ts';
import type { CallTable } from './call.ts';
import { parseDate, text } from './params.ts';

/** The read-only `/kp/property/*` calls. */
export const propertyCalls: CallTable = {
  fetch_rooms: async ({ db, scope }) =>
    (await listRooms(db, scope.tenantId)).map((r) => ({
      id: r.id,
      id_room_type: r.room_type_id,
      name: r.name,
      tags: r.tags,
    })),

  fetch_room_types: async ({ db, scope }) =>
    (await listRoomTypes(db, scope.tenantId)).map((t) => ({
      id: t.id,
      name: t.name,
      shortname: t.shortname,
    })),

  fetch_products: async ({ db, scope }) =>
    (await listProducts(db, scope.tenantId)).map((p) => ({
      id: p.id,
      id_zak_room_type: p.room_type_id,
      name: p.name,
      master: p.master === 1,
    })),
};

/** `/kp/inventory/fetch_rooms_availability`: free rooms per room type for a stay. */
export const inventoryCalls: CallTable = {
  fetch_rooms_availability: async ({ db, scope, params }) => {
    const arrival = parseDate(text(params, 'arrival') ?? '', 'arrival');
    const departure = parseDate(text(params, 'departure', 'depature') ?? '', 'departure');
    const types = await roomsAvailability(db, scope.tenantId, arrival, departure);
    return Object.fromEntries(
      types.map((t) => [String(t.typeId), { availability: t.rooms.length, rooms: t.rooms }]),
    );
  },
};
