import { described, input, integer, listOf, nullSchema, ref, strict, text } from '../kit.ts';
import { idField, jsonField, textField, type CallExample, type Field, type ZakCall } from './operation.ts';
import { SEED_RESERVATION } from './reservation-example.ts';

/**
 * `/kp/reservations/*` bookings and guests, with the examples of the vendor's page (shared/seeds/001_…). The
 * vendor's ids (reservation 277, room 962) belong to its sample property: on the contract test's property (the
 * demo hotel, prefix XY) those requests answer 404, and the `demo` examples show the same calls on reservation 1.
 */

const byId = {
  id: idField('reservation id'),
  rcode: textField('reservation code (XY-0001)'),
  hcode: textField('reservation code (XY-0001), as the vendor’s table names it'),
};
const stayFields: Record<string, Field> = {
  reservation_id: idField('reservation id (or human_code)'),
  human_code: textField('reservation code (XY-0001)'),
  room_customer_ids: textField('ids of room customers (`room_customer_id`), a JSON list or a comma list'),
  all: textField('any non-empty text: every room customer of the reservation'),
};
const success = strict({ success: { const: 'true' } });

const guest = input({ name: text, surname: text, email: text, phone: text }, ['name', 'surname']);
const line = input({
  room: described(integer, 'a physical room'),
  room_type: integer,
  product: integer,
  price: described({ type: 'number' }, 'the line’s total for the stay, VAT included'),
  currency: text,
  adults: integer,
  teens: integer,
  children: integer,
  babies: integer,
});
const newParams = input(
  {
    arrival: described(text, 'dd/mm/yyyy'),
    departure: described(text, 'dd/mm/yyyy (also the vendor’s misspelling `depature`)'),
    customer: guest,
    board: described(text, 'nb, bb, hb, fb or ai'),
    rooms: listOf(line),
    products: listOf(line),
  },
  ['arrival', 'customer'],
);
const range = input({ from: described(text, 'dd/mm/yyyy'), to: described(text, 'dd/mm/yyyy') });
const filters = input({
  created: range,
  arrival: range,
  departure: range,
  pager: input({ limit: described(integer, '8, 16, 32 or 64'), offset: integer }),
});
const page = strict({ reservations: listOf(ref('Reservation')) });

const DEMO_PARAMS =
  '{"arrival": "20/01/2030", "departure": "23/01/2030", "customer": {"name": "Name", "surname": "Surname"}, "rooms": [{"room": 2, "room_type": 1, "price": 100, "currency": "EUR", "adults": 2}], "products": [{"product": 3, "price": 101, "currency": "EUR"}]}';
const notFound = { error: 'reservation not found' };
/** The vendor's check-in/out example: its parameter name has a typo, so the id is missing. */
const SEED_STAY = {
  summary: 'The vendor’s example, whose parameter name has a typo',
  request: { reservation_ireservation_id: '277', all: "'true'" },
  status: 400,
  reply: { error: 'missing parameter: id' },
};
/** The vendor's undo example: reservation 277 of its sample property. */
const SEED_UNDO = {
  summary: 'The vendor’s example (reservation 277 of its sample property)',
  request: { reservation_id: '277' },
  status: 404,
  reply: notFound,
};

function stay(summary: string, seed: CallExample, demo: Record<string, string>): ZakCall {
  return {
    summary,
    description:
      'The room customers in `room_customer_ids`, or all of them (`all`, or no ids). Returns `{"success": "true"}`.',
    fields: stayFields,
    data: success,
    errors: [404, 409],
    examples: {
      seed,
      demo: {
        summary: 'Every guest of reservation 1',
        request: demo,
        status: 200,
        reply: { data: { success: 'true' } },
      },
    },
  };
}

export const reservationCalls: Record<string, ZakCall> = {
  new: {
    summary: 'Create a reservation',
    description:
      'One JSON parameter, `params`: arrival, departure, the booker, and rooms and/or products (at least one ' +
      'line). Returns the code (`id`) and the number (`rsrvid`). Nothing is written on any error.',
    fields: { params: jsonField(newParams, 'the reservation') },
    required: ['params'],
    data: strict({
      id: described(text, 'the code, XY-0001'),
      rsrvid: described(integer, 'the reservation id'),
    }),
    errors: [404, 409],
    examples: {
      seed: {
        summary: 'The vendor’s example: its departure, 31/02/2023, is no date',
        request: {
          params:
            '{"arrival": "20/01/2023", "departure": "31/02/2023", "customer": {"name": "Name", "surname": "Surname"}, "rooms": [{"room": 159, "room_type": 107, "price": 100, "currency": "EUR"}], "products": [{"product": 329, "price": 101, "currency": "EUR"}]}',
        },
        status: 400,
        reply: { error: 'invalid date: departure' },
      },
      demo: {
        summary: 'Room 2 and a room of product 3 of the demo hotel',
        request: { params: DEMO_PARAMS },
        status: 200,
        reply: { data: { id: 'XY-0001', rsrvid: 1 } },
      },
    },
  },

  fetch_one_reservation: {
    summary: 'Fetch one reservation',
    description:
      'By `id` or by code (`rcode`/`hcode`); when both are given they must name the same reservation.',
    fields: byId,
    data: ref('Reservation'),
    errors: [404],
    examples: {
      seed: {
        summary: 'The vendor’s example (its reply as Clientele writes it)',
        request: { rcode: 'XY-0001' },
        status: 200,
        reply: { data: SEED_RESERVATION },
      },
    },
  },

  fetch_reservations: {
    summary: 'Fetch reservations',
    description: 'Filtered by created, arrival and departure ranges (inclusive), a page at a time, by id.',
    fields: { filters: jsonField(filters, 'filters and pager') },
    data: page,
    examples: {
      seed: {
        summary: 'The vendor’s example (no reservation of the test’s hotel matches)',
        request: {
          filters:
            ' {"created": {"from": "08/12/2023", "to": "10/12/2023"},"arrival": {"from": "08/12/2023", "to": "10/12/2023"},"pager": {"limit": 32, "offset": 0}}',
        },
        status: 200,
        reply: { data: { reservations: [] } },
      },
      demo: {
        summary: 'Arrivals of January 2030',
        request: {
          filters: '{"arrival": {"from": "01/01/2030", "to": "31/01/2030"}, "pager": {"limit": 8}}',
        },
        status: 200,
        reply: { data: { reservations: [SEED_RESERVATION] } },
      },
    },
  },

  fetch_today_reservations: {
    summary: 'Fetch today’s arrivals',
    data: page,
    examples: {
      seed: {
        summary: 'The vendor’s example',
        request: {},
        status: 200,
        reply: { data: { reservations: [] } },
      },
    },
  },

  add_customer: {
    summary: 'Add a new customer to a room of a reservation',
    description:
      'Creates the customer (`custdata` as `customers/add_one`) with a document (`docdata`, required) and puts ' +
      'them in the room. The ids are strings, as the vendor shows them.',
    fields: {
      reservation_id: idField('reservation id (or human_code)'),
      human_code: textField('reservation code'),
      reservation_room_id: idField('the reservation room (`id_zak_reservation_room`)'),
      custdata: jsonField(ref('Custdata'), 'the customer'),
      docdata: jsonField(ref('Docdata'), 'the customer’s document'),
    },
    required: ['reservation_room_id', 'custdata', 'docdata'],
    data: strict({
      customer_id: { type: 'string', pattern: '^[0-9]+$' },
      reservation_room_customer_id: { type: 'string', pattern: '^[0-9]+$' },
    }),
    errors: [404, 409],
    examples: {
      seed: {
        summary: 'The vendor’s example (reservation 277 of its sample property)',
        request: {
          reservation_id: '277',
          reservation_room_id: '962',
          custdata: '{"name": "Mario", "surname": "Rossi"}',
          docdata:
            '{"doc_type": "i", "doc_country": "italy", "doc_number": "CA00000AA", "doc_issue": "30/05/2022", "doc_expiry": "30/12/2031" }',
          all: "'true'",
        },
        status: 404,
        reply: notFound,
      },
      demo: {
        summary: 'A second guest in room 1 of reservation 1',
        request: {
          reservation_id: '1',
          reservation_room_id: '1',
          custdata: '{"name": "Mario", "surname": "Rossi"}',
          docdata:
            '{"doc_type": "i", "doc_country": "italy", "doc_number": "CA00000AA", "doc_issue": "30/05/2022", "doc_expiry": "30/12/2031"}',
        },
        status: 200,
        reply: { data: { customer_id: '10', reservation_room_customer_id: '15' } },
      },
    },
  },

  bind_customer: {
    summary: 'Put an existing customer in a room of a reservation',
    fields: {
      reservation_id: idField('reservation id (or human_code)'),
      human_code: textField('reservation code'),
      reservation_room_id: idField('the reservation room'),
      customer_id: idField('the customer'),
    },
    required: ['reservation_room_id', 'customer_id'],
    data: nullSchema,
    errors: [404, 409],
    examples: {
      seed: {
        summary: 'The vendor’s example (reservation 277 of its sample property)',
        request: { reservation_id: '277', reservation_room_id: '962', customer_id: '20' },
        status: 404,
        reply: notFound,
      },
      demo: {
        summary: 'Customer 1 in room 2 of reservation 1',
        request: { reservation_id: '1', reservation_room_id: '2', customer_id: '1' },
        status: 200,
        reply: { data: null },
      },
    },
  },

  do_checkin: stay('Check guests in', SEED_STAY, { reservation_id: '1', all: 'true' }),
  do_checkout: stay('Check guests out', SEED_STAY, { reservation_id: '1', all: 'true' }),
  undo_checkout: stay('Undo a check-out', SEED_UNDO, { reservation_id: '1', all: 'true' }),
  undo_checkin: stay('Undo a check-in', SEED_UNDO, { human_code: 'XY-0001' }),
};
