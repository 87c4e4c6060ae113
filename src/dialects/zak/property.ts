import { roomsAvailability } from '../../core/availability.ts';
import { listProducts, listRoomTypes, listRooms } from '../../core/inventory.ts';
import { fromCents } from '../../core/money.ts';
import { listMealBoards, listRates, rateValues } from '../../core/rates.ts';
import { invalid } from '../../core/errors.ts';
import type { CallTable } from './call.ts';
import { formatDate, parseDate, requiredId, text, type Params } from './params.ts';

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

  // The real server's item, flags as integers: clients test `product.master === 1`. `srname`/`rname` are the
  // short and full names of the product's room type; `id_zak_property` is the tenant (one property per tenant).
  fetch_products: async ({ db, scope }) => {
    const [products, types] = await Promise.all([
      listProducts(db, scope.tenantId),
      listRoomTypes(db, scope.tenantId),
    ]);
    const typeById = new Map(types.map((t) => [t.id, t]));
    return products.map((p) => ({
      id: p.id,
      id_zak_room_type: p.room_type_id,
      master: p.master === 1 ? 1 : 0,
      name: p.name,
      srname: typeById.get(p.room_type_id)?.shortname ?? '',
      rname: typeById.get(p.room_type_id)?.name ?? '',
      id_zak_property: scope.tenantId,
    }));
  },

  fetch_rates: async ({ db, scope }) =>
    (await listRates(db, scope.tenantId)).map((r) => ({
      id: r.id,
      board: r.board,
      currency: r.currency,
      name: r.name,
      standard: r.standard,
    })),

  // Grouped by board, as the real server answers; the prices are per guest and night in each age band.
  fetch_meals_board: async ({ db, scope }) => {
    const byBoard: Record<string, unknown[]> = {};
    for (const m of await listMealBoards(db, scope.tenantId)) {
      (byBoard[m.board] ??= []).push({
        id: m.id,
        id_zak_property: scope.tenantId,
        board: m.board,
        dfrom: formatDate(m.dfrom),
        dto: formatDate(m.dto),
        adults: fromCents(m.adults_cents),
        children: fromCents(m.children_cents),
        teens: fromCents(m.teens_cents),
        babies: fromCents(m.babies_cents),
      });
    }
    return byBoard;
  },
};

/** `n` as digits; its range is the core's rule. */
function dayCount(params: Params): number {
  const n = text(params, 'n')?.trim() ?? '';
  if (!/^-?\d{1,6}$/.test(n)) throw invalid('invalid parameter: n (1 to 366 days)', 'n');
  return Number(n);
}

/** The meaning of each short key of a rate value, as `inventory/fetch_symbols` answers it. */
export const RATE_VALUE_SYMBOLS: Readonly<Record<string, string>> = {
  p: 'Price',
  m: 'MinStay',
  M: 'MaxStay',
  c: 'Closed',
  cta: 'ClosedToArrival',
  ctd: 'ClosedToDeparture',
  a: 'Availability',
};

/** `/kp/inventory/*`: free rooms per room type for a stay, and the symbols of rate values. */
export const inventoryCalls: CallTable = {
  fetch_symbols: () => Promise.resolve(RATE_VALUE_SYMBOLS),

  // Keyed by product id, one value per night in the keys of `fetch_symbols`; clients sum `.p`.
  fetch_rate_values: async ({ db, scope, params }) => {
    const from = parseDate(text(params, 'from') ?? '', 'from');
    const products = await rateValues(db, scope.tenantId, requiredId(params, 'rate'), from, dayCount(params));
    return Object.fromEntries(
      products.map(({ product, nights }) => [
        String(product.id),
        nights.map((v) => ({
          p: fromCents(v.price_cents),
          m: v.min_stay,
          M: v.max_stay,
          c: v.closed,
          cta: v.closed_arrival,
          ctd: v.closed_departure,
          a: v.availability,
        })),
      ]),
    );
  },

  fetch_rooms_availability: async ({ db, scope, params }) => {
    const arrival = parseDate(text(params, 'arrival') ?? '', 'arrival');
    const departure = parseDate(text(params, 'departure', 'depature') ?? '', 'departure');
    const types = await roomsAvailability(db, scope.tenantId, arrival, departure);
    return Object.fromEntries(
      types.map((t) => [String(t.typeId), { availability: t.rooms.length, rooms: t.rooms }]),
    );
  },
};
