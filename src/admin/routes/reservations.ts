import type { AdminWrite } from '../idempotency.ts';
import type { FastifyInstance } from 'fastify';
import { fromBasisPoints, fromCents } from '../../core/money.ts';
import { getReservationDetails, type ReservationDetails } from '../../core/reservation-details.ts';
import {
  cancelReservation,
  reservationsAt,
  type ReservationFilter,
  type ReservationView,
} from '../../core/reservations.ts';
import { changeStay } from '../../core/room-customers.ts';
import { DomainError, invalid } from '../../core/errors.ts';
import type { Db } from '../../store/db.ts';
import { tenantScope, type PageQuery } from '../context.ts';
import { decodeCursor, pageOf } from '../cursor.ts';
import { errorReplies, pageOfSchema, pageQuery, tenantItemParams, tenantParams } from '../schemas.ts';
import { noFields } from '../problem.ts';

const day = { type: 'string', format: 'date' } as const;
const money = { type: 'number', description: 'in the currency, exact to the cent' } as const;
const split = {
  type: 'object',
  required: ['amount', 'vat', 'total'],
  properties: { amount: money, vat: money, total: money },
} as const;

export const reservationSchema = {
  type: 'object',
  required: ['id', 'code', 'status', 'booker', 'arrival', 'departure', 'currency', 'rooms', 'price', 'paid'],
  properties: {
    id: { type: 'integer' },
    code: { type: 'string' },
    status: { type: 'string', enum: ['Confirmed', 'Cancelled'] },
    booker: { type: 'integer', description: 'the customer who booked' },
    board: { type: 'string' },
    channel: { type: 'string' },
    created_on: day,
    arrival: day,
    departure: day,
    currency: { type: 'string' },
    rooms: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          room: { type: 'integer' },
          room_type: { type: 'integer' },
          product: { type: ['integer', 'null'] },
          rate: { type: ['integer', 'null'] },
          arrival: day,
          departure: day,
          adults: { type: 'integer' },
          teens: { type: 'integer' },
          children: { type: 'integer' },
          babies: { type: 'integer' },
          price: money,
          guests: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                customer: { type: 'integer' },
                checkin: { type: ['string', 'null'] },
                checkout: { type: ['string', 'null'] },
              },
            },
          },
        },
      },
    },
    price: {
      type: 'object',
      properties: { rooms: split, extras: split, meals: split, tax: money, total: money },
    },
    paid: money,
  },
} as const;

const line = {
  total: { ...money, description: 'the line total, VAT included' },
  vat: money,
  vat_rate: { type: 'number', description: 'percent' },
  created_on: day,
} as const;

/** One reservation's reply: the list's fields, door codes on its rooms, and its meals, extras, payments, notes. */
export const reservationDetailSchema = {
  ...reservationSchema,
  required: [...reservationSchema.required, 'meals', 'extras', 'payments', 'notes'],
  properties: {
    ...reservationSchema.properties,
    rooms: {
      type: 'array',
      items: {
        ...reservationSchema.properties.rooms.items,
        properties: {
          ...reservationSchema.properties.rooms.items.properties,
          door_code: {
            type: ['string', 'null'],
            description: 'the code that opens the room, null when none is set',
          },
        },
      },
    },
    meals: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'day', 'meal', 'people', 'times', 'total'],
        properties: {
          id: { type: 'integer' },
          day: day,
          meal: { type: 'string', enum: ['breakfast', 'lunch', 'dinner'] },
          people: { type: 'integer', description: "Zak's mnumber" },
          times: { type: 'integer' },
          ...line,
        },
      },
    },
    extras: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'number', 'daily', 'total'],
        properties: {
          id: { type: 'integer' },
          extra: { type: ['integer', 'null'], description: "the catalogue's extra, if it came from it" },
          name: { type: 'string' },
          number: { type: 'integer' },
          daily: { type: 'boolean' },
          day: { type: ['string', 'null'], format: 'date' },
          ...line,
        },
      },
    },
    payments: {
      type: 'array',
      description: 'oldest first, at most 100 (as Zak payments/get_payments)',
      items: {
        type: 'object',
        required: ['id', 'day', 'amount', 'currency', 'pay_type', 'remarks'],
        properties: {
          id: { type: 'integer' },
          day: day,
          amount: money,
          currency: { type: 'string' },
          pay_type: { type: 'string' },
          remarks: { type: 'string' },
          created_at: { type: 'string' },
        },
      },
    },
    notes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'text'],
        properties: { id: { type: 'integer' }, text: { type: 'string' } },
      },
    },
  },
} as const;

const MEALS = { b: 'breakfast', l: 'lunch', d: 'dinner' } as const;

const lineOf = (l: { total_cents: number; vat_cents: number; vat_bp: number; created_on: string }) => ({
  total: fromCents(l.total_cents),
  vat: fromCents(l.vat_cents),
  vat_rate: fromBasisPoints(l.vat_bp),
  created_on: l.created_on,
});

/** One reservation on the admin wire, with what was booked and recorded on it. */
export function renderReservationDetails(d: ReservationDetails) {
  const base = renderReservation(d);
  const codes = new Map(d.doorCodes.map((c) => [c.reservationRoomId, c.code]));
  return {
    ...base,
    rooms: base.rooms.map((room) => ({ ...room, door_code: codes.get(room.id) ?? null })),
    meals: d.meals.map((m) => ({
      id: m.id,
      day: m.day,
      meal: MEALS[m.mtype as keyof typeof MEALS],
      people: m.mnumber,
      times: m.times,
      ...lineOf(m),
    })),
    extras: d.extras.map((e) => ({
      id: e.id,
      extra: e.extra_id,
      name: e.name,
      number: e.number,
      daily: e.daily === 1,
      day: e.day,
      ...lineOf(e),
    })),
    payments: d.payments.map((p) => ({
      id: p.id,
      day: p.day,
      amount: fromCents(p.amount_cents),
      currency: p.currency,
      pay_type: p.pay_type,
      remarks: p.remarks,
      created_at: p.created_at,
    })),
    notes: d.notes.map((n) => ({ id: n.id, text: n.remarks })),
  };
}

const splitOf = (s: { amount: number; vat: number; total: number }) => ({
  amount: fromCents(s.amount),
  vat: fromCents(s.vat),
  total: fromCents(s.total),
});

/** A reservation on the admin wire: ISO dates, amounts in the currency, ids for every link. */
export function renderReservation({ reservation: r, rooms, price }: ReservationView) {
  return {
    id: r.id,
    code: r.code,
    status: r.status,
    booker: r.booker,
    board: r.board,
    channel: r.channel,
    created_on: r.created_on,
    arrival: rooms.reduce((min, room) => (room.dfrom < min ? room.dfrom : min), rooms[0]?.dfrom ?? ''),
    departure: rooms.reduce((max, room) => (room.dto > max ? room.dto : max), ''),
    currency: r.currency,
    rooms: rooms.map((room) => ({
      id: room.id,
      room: room.room_id,
      room_type: room.room_type_id,
      product: room.product_id,
      rate: room.rate_id,
      arrival: room.dfrom,
      departure: room.dto,
      adults: room.adults,
      teens: room.teens,
      children: room.children,
      babies: room.babies,
      price: fromCents(room.price_cents),
      guests: room.customers.map((c) => ({
        id: c.id,
        customer: c.customer_id,
        checkin: c.checkin,
        checkout: c.checkout,
      })),
    })),
    price: {
      rooms: splitOf(price.rooms),
      extras: splitOf(price.extras),
      meals: splitOf(price.meals),
      tax: fromCents(price.tax),
      total: fromCents(price.total),
    },
    paid: fromCents(r.paid_cents),
  };
}

type RangeQuery = Partial<Record<`${'arrival' | 'departure' | 'created'}_${'from' | 'to'}`, string>> & {
  status?: string;
};

const rangeQuery = Object.fromEntries(
  ['arrival', 'departure', 'created'].flatMap((k) => [
    [`${k}_from`, day],
    [`${k}_to`, day],
  ]),
);

const RANGES = ['arrival', 'departure', 'created'] as const;

/**
 * A range filter needs both ends; one end alone is open on the other side, from the first day a `date` can name
 * (0000-01-01) to the last, so that an end given alone is never "after" one the caller did not give.
 */
function filterOf(q: RangeQuery) {
  const filter: ReservationFilter = q.status === undefined ? {} : { status: q.status };
  for (const key of RANGES) {
    const from = q[`${key}_from`];
    const to = q[`${key}_to`];
    if (from !== undefined || to !== undefined)
      filter[key] = { from: from ?? '0000-01-01', to: to ?? '9999-12-31' };
  }
  return filter;
}

/** The core names a range by its filter (`arrival`), this API by its two parameters (`arrival_from`). */
function inWireNames(error: unknown): never {
  const range = error instanceof DomainError ? RANGES.find((key) => key === error.field) : undefined;
  if (range) throw invalid(`invalid parameter: ${range}_from is after ${range}_to`, `${range}_from`);
  throw error;
}

const STAY_ACTIONS = {
  'check-in': 'checkin',
  'check-out': 'checkout',
} as const;

/** Reservations: list by ranges, read, cancel, check in and out. */
export function reservationRoutes(app: FastifyInstance, db: Db, write: AdminWrite) {
  app.get<{ Params: { tenant: number }; Querystring: PageQuery & RangeQuery }>(
    '/tenants/:tenant/reservations',
    {
      schema: {
        tags: ['reservations'],
        summary:
          'List reservations, newest id last, by arrival, departure or creation date ranges (inclusive)',
        params: tenantParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...pageQuery,
            ...rangeQuery,
            status: { type: 'string', enum: ['Confirmed', 'Cancelled'] },
          },
        },
        response: { 200: pageOfSchema(reservationSchema), ...errorReplies },
      },
    },
    async (request) => {
      const { limit, cursor, ...filters } = request.query;
      const scope = await tenantScope(db, request);
      // The cursor holds the position reached in the filtered list.
      const offset = decodeCursor(cursor);
      const views = await reservationsAt(db, scope, filterOf(filters), offset, limit + 1).catch(inWireNames);
      let position = offset;
      return pageOf(views, limit, () => ++position, renderReservation);
    },
  );

  app.get<{ Params: { tenant: number; id: number } }>(
    '/tenants/:tenant/reservations/:id',
    {
      schema: {
        tags: ['reservations'],
        summary:
          'Get a reservation with its rooms (and door codes), guests, price, meals, extras, payments and notes',
        params: tenantItemParams,
        response: { 200: reservationDetailSchema, ...errorReplies },
      },
    },
    async (request) => {
      const scope = await tenantScope(db, request);
      return renderReservationDetails(await getReservationDetails(db, scope, { id: request.params.id }));
    },
  );

  app.post<{ Params: { tenant: number; id: number } }>(
    '/tenants/:tenant/reservations/:id/cancel',
    {
      preValidation: noFields,
      schema: {
        tags: ['reservations'],
        summary: 'Cancel a reservation (its nights become free)',
        params: tenantItemParams,
        response: { 200: reservationDetailSchema, ...errorReplies },
      },
    },
    write(200, async (db, request) => {
      const scope = await tenantScope(db, request);
      const ref = { id: request.params.id };
      await cancelReservation(db, scope, ref);
      return renderReservationDetails(await getReservationDetails(db, scope, ref));
    }),
  );

  for (const [path, action] of Object.entries(STAY_ACTIONS)) {
    app.post<{ Params: { tenant: number; id: number } }>(
      `/tenants/:tenant/reservations/:id/${path}`,
      {
        preValidation: noFields,
        schema: {
          tags: ['reservations'],
          summary: `${path === 'check-in' ? 'Check in' : 'Check out'} every guest of the reservation who can be`,
          params: tenantItemParams,
          response: { 200: reservationDetailSchema, ...errorReplies },
        },
      },
      write(200, async (db, request) => {
        const scope = await tenantScope(db, request);
        const ref = { id: request.params.id };
        await changeStay(db, scope, ref, action);
        return renderReservationDetails(await getReservationDetails(db, scope, ref));
      }),
    );
  }
}
