import { described, input, integer, listOf, nullSchema, number, ref, strict, text } from '../kit.ts';
import { idField, jsonField, type ZakCall } from './operation.ts';

/** Meals, extras and door codes of a reservation (`/kp/reservations/*`), examples from shared/seeds/001_…. */

const rsrvid = idField('reservation id');
const notFound = { error: 'reservation not found' };
const sample = (request: Record<string, string>) => ({
  summary: 'The vendor’s example (a reservation of its sample property)',
  request,
  status: 404,
  reply: notFound,
});

const mealInput = input(
  {
    price: described(number, 'the line’s total, VAT included'),
    mtype: described(text, 'b, l or d'),
    mnumber: integer,
    times: integer,
    day: described(text, 'dd/mm/yyyy, within the stay'),
    vat_rate: described(number, 'a percentage; default: the property’s meals rate'),
  },
  ['price', 'mtype', 'mnumber', 'times', 'day'],
);
const extraInput = input(
  {
    price: described(number, 'the line’s total, VAT included'),
    exid: described({ type: ['integer', 'string'] }, 'an extra of the property’s catalogue (or name)'),
    name: text,
    number: integer,
    daily: described({ type: ['string', 'boolean'] }, '"true" or "false" (default)'),
    day: described(text, 'dd/mm/yyyy, needed unless daily'),
    vat_rate: number,
    currency: text,
  },
  ['number'],
);
const doorCode = input({ id: described(integer, 'the reservation room'), door_code: text }, ['id']);

const SEED_MEAL = {
  id: 34,
  dates: { created: '27/01/2021', day: '25/01/2021' },
  meal_info: { mnumber: 1, mtype: 'l', times: 1 },
  price: { amount: 19, currency: 'EUR', discount: 0, total: 19, vat: 0, vat_rate: 0 },
};
const SEED_EXTRA = {
  rexid: 164,
  dates: { created: '16/08/2023', daily: true, day: null },
  extra_info: { number: 1, name: 'Acqua', exid: 2 },
  price: { amount: 89.29, currency: 'EUR', discount: 0, total: 100, vat: 10.71, vat_rate: 12 },
};

export const reservationLineCalls: Record<string, ZakCall> = {
  add_meal: {
    summary: 'Add a meal to a reservation',
    description: 'Returns the meal id (`fmid`).',
    fields: { rsrvid, meal: jsonField(mealInput, 'the meal') },
    required: ['rsrvid', 'meal'],
    data: described(integer, 'the meal id'),
    errors: [404],
    examples: {
      seed: sample({
        rsrvid: '277',
        meal: '{"price": 200, "mtype": "l", "mnumber" : 1, "times" : 1, "day": "21/10/2022"}',
      }),
      demo: {
        summary: 'Lunch on the second day of reservation 1',
        request: {
          rsrvid: '1',
          meal: '{"price": 200, "mtype": "l", "mnumber": 1, "times": 1, "day": "21/01/2030"}',
        },
        status: 200,
        reply: { data: 1 },
      },
    },
  },
  get_meals: {
    summary: 'The meals of a reservation',
    fields: { rsrvid },
    required: ['rsrvid'],
    data: listOf(ref('Meal')),
    errors: [404],
    examples: {
      seed: sample({ rsrvid: '277' }),
      demo: { summary: 'Reservation 1', request: { rsrvid: '1' }, status: 200, reply: { data: [SEED_MEAL] } },
    },
  },
  del_meal: {
    summary: 'Delete a meal of a reservation',
    fields: { rsrvid, fmid: idField('meal id') },
    required: ['rsrvid', 'fmid'],
    data: nullSchema,
    errors: [404],
    examples: {
      seed: sample({ rsrvid: '277', fmid: '1' }),
      demo: {
        summary: 'Meal 1 of reservation 1',
        request: { rsrvid: '1', fmid: '1' },
        status: 200,
        reply: { data: null },
      },
    },
  },

  add_extra: {
    summary: 'Add an extra to a reservation',
    description: 'Returns the id of the reservation’s extra (`rexid`).',
    fields: { rsrvid, extra: jsonField(extraInput, 'the extra') },
    required: ['rsrvid', 'extra'],
    data: described(integer, 'the rexid'),
    errors: [404],
    examples: {
      seed: {
        summary: 'The vendor’s example: its shell quoting sends `"currency": EUR`, which is not JSON',
        request: {
          rsrvid: '528',
          extra:
            '{"price": 200, "name": "Big", "number" : 1, "daily" : "false", "day": "10/09/2023", "vat_rate": 12, "currency": EUR}',
        },
        status: 400,
        reply: { error: 'invalid JSON: extra' },
      },
      demo: {
        summary: 'The same extra on reservation 1, quoted as JSON',
        request: {
          rsrvid: '1',
          extra:
            '{"price": 200, "name": "Big", "number": 1, "daily": "false", "day": "21/01/2030", "vat_rate": 12, "currency": "EUR"}',
        },
        status: 200,
        reply: { data: 1 },
      },
    },
  },
  get_extras: {
    summary: 'The extras of a reservation',
    fields: { rsrvid },
    required: ['rsrvid'],
    data: listOf(ref('Extra')),
    errors: [404],
    examples: {
      seed: sample({ rsrvid: '277' }),
      demo: {
        summary: 'Reservation 1',
        request: { rsrvid: '1' },
        status: 200,
        reply: { data: [SEED_EXTRA] },
      },
    },
  },
  del_extra: {
    summary: 'Delete an extra of a reservation',
    fields: { rsrvid, rexid: idField('the reservation’s extra') },
    required: ['rsrvid', 'rexid'],
    data: nullSchema,
    errors: [404],
    examples: {
      seed: sample({ rsrvid: '528', rexid: '164' }),
      demo: {
        summary: 'Extra 1 of reservation 1',
        request: { rsrvid: '1', rexid: '1' },
        status: 200,
        reply: { data: null },
      },
    },
  },

  set_doors_codes: {
    summary: 'Set the door codes of a reservation’s rooms',
    description: '`codes`: a list (or one object) of `{id, door_code}`; `""` or `null` clears a code.',
    fields: { rsrvid, codes: jsonField({ anyOf: [listOf(doorCode), doorCode] }, 'the codes') },
    required: ['rsrvid', 'codes'],
    data: nullSchema,
    errors: [404],
    examples: {
      seed: sample({
        rsrvid: '549',
        codes: '[{"id": 1356, "door_code": "1111"},{"id": 1357, "door_code": "2222"}]',
      }),
      demo: {
        summary: 'Both rooms of reservation 1',
        request: { rsrvid: '1', codes: '[{"id": 1, "door_code": "1111"},{"id": 2, "door_code": "2222"}]' },
        status: 200,
        reply: { data: null },
      },
    },
  },
  get_doors_codes: {
    summary: 'The door codes of a reservation’s rooms',
    description: 'One item per room; a room without a code has `"door_code": null`.',
    fields: { rsrvid },
    required: ['rsrvid'],
    data: listOf(
      strict({
        zak_reservation_room_id: integer,
        door_code: { ...strict({ code: text }), type: ['object', 'null'] },
      }),
    ),
    errors: [404],
    examples: {
      seed: sample({ rsrvid: '549' }),
      demo: {
        summary: 'Reservation 1',
        request: { rsrvid: '1' },
        status: 200,
        reply: {
          data: [
            { zak_reservation_room_id: 1356, door_code: { code: 'yellow' } },
            { zak_reservation_room_id: 1357, door_code: { code: 'green' } },
          ],
        },
      },
    },
  },
};
