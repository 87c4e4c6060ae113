import { described, integer, listOf, mapOf, nullableText, number, strict, text } from '../kit.ts';
import { dateField, idField, textField, type ZakCall } from './operation.ts';

/**
 * The read-only `/kp/property/*` and `/kp/inventory/*` calls, beyond the vendor's pages (docs/zak-reservations.md);
 * the examples are the demo hotel's (examples/demo-hotel.json).
 */

const flag = { enum: [0, 1] };
const ids = '^[0-9]+$';
const demo = <T>(summary: string, reply: T, request: Record<string, string> = {}) => ({
  demo: { summary, request, status: 200, reply: { data: reply } },
});

export const propertyCalls: Record<string, ZakCall> = {
  fetch_rooms: {
    summary: 'The property’s rooms',
    data: listOf(strict({ id: integer, id_room_type: integer, name: text, tags: listOf(text) })),
    examples: demo('The demo hotel', [{ id: 1, id_room_type: 1, name: '101', tags: ['double bed'] }]),
  },
  fetch_room_types: {
    summary: 'The property’s room types',
    data: listOf(strict({ id: integer, name: text, shortname: text })),
    examples: demo('The demo hotel', [{ id: 1, name: 'Double room', shortname: 'DBL' }]),
  },
  fetch_products: {
    summary: 'The property’s products (a room type sold under a rate)',
    description: '`master` is 1 or 0; `srname`/`rname` are the short and full names of the room type.',
    data: listOf(
      strict({
        id: integer,
        id_zak_room_type: integer,
        master: flag,
        name: text,
        srname: text,
        rname: text,
        id_zak_property: integer,
      }),
    ),
    examples: demo('The demo hotel', [
      {
        id: 1,
        id_zak_room_type: 1,
        master: 1,
        name: 'Double - Standard rate',
        srname: 'DBL',
        rname: 'Double room',
        id_zak_property: 1,
      },
    ]),
  },
  fetch_rates: {
    summary: 'The property’s rates',
    data: listOf(strict({ id: integer, board: text, currency: text, name: text, standard: flag })),
    examples: demo('The demo hotel', [
      { id: 1, board: 'bb', currency: 'EUR', name: 'Standard rate', standard: 1 },
    ]),
  },
  fetch_meals_board: {
    summary: 'Meal prices per board, guest and night',
    description: 'Grouped by board; `{}` when the property has none.',
    data: mapOf(
      listOf(
        strict({
          id: integer,
          id_zak_property: integer,
          board: text,
          dfrom: nullableText,
          dto: nullableText,
          adults: number,
          children: number,
          teens: number,
          babies: number,
        }),
      ),
    ),
    examples: demo('The demo hotel', {
      bb: [
        {
          id: 1,
          id_zak_property: 1,
          board: 'bb',
          dfrom: '01/01/2026',
          dto: '31/12/2028',
          adults: 12,
          children: 6,
          teens: 9,
          babies: 0,
        },
      ],
    }),
  },
};

const RATE_VALUE = strict({
  p: described(number, 'price'),
  m: described(integer, 'minimum stay'),
  M: described(integer, 'maximum stay (0: none)'),
  c: described(flag, 'closed'),
  cta: described(flag, 'closed to arrival'),
  ctd: described(flag, 'closed to departure'),
  a: described({ type: ['integer', 'null'] }, 'availability limit (null: none)'),
});

export const inventoryCalls: Record<string, ZakCall> = {
  fetch_symbols: {
    summary: 'The meaning of the keys of a rate value',
    data: strict({ p: text, m: text, M: text, c: text, cta: text, ctd: text, a: text }),
    examples: demo('Every key', {
      p: 'Price',
      m: 'MinStay',
      M: 'MaxStay',
      c: 'Closed',
      cta: 'ClosedToArrival',
      ctd: 'ClosedToDeparture',
      a: 'Availability',
    }),
  },
  fetch_rate_values: {
    summary: 'The day values of a rate’s products',
    description:
      'Keyed by product id, one value per night from `from`. Public clients send the parameters in the query ' +
      'string of a POST with an empty body (or the JSON body `[]`); forms and JSON bodies work too.',
    fields: { from: dateField('first night'), rate: idField('the rate'), n: textField('nights, 1 to 366') },
    required: ['from', 'rate', 'n'],
    data: mapOf(listOf(RATE_VALUE), ids),
    errors: [404],
    examples: {
      ...demo(
        'Two nights of rate 1',
        { 1: [{ p: 110.5, m: 0, M: 0, c: 0, cta: 0, ctd: 0, a: null }] },
        { from: '1/3/2027', rate: '1', n: '2' },
      ),
      tooMany: {
        summary: 'More than 366 nights',
        request: { from: '01/03/2027', rate: '1', n: '367' },
        status: 400,
        reply: { error: 'invalid parameter: n (1 to 366 days)' },
      },
    },
  },
  fetch_rooms_availability: {
    summary: 'Free rooms per room type for a stay',
    fields: { arrival: dateField('arrival'), departure: dateField('departure (also `depature`)') },
    required: ['arrival', 'departure'],
    data: mapOf(strict({ availability: integer, rooms: listOf(integer) }), ids),
    examples: demo(
      'Three nights in January 2030',
      { 1: { availability: 1, rooms: [1] } },
      { arrival: '20/01/2030', departure: '23/01/2030' },
    ),
  },
};
