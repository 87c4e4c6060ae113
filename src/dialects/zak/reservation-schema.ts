/**
 * The JSON schema of a reservation as `renderReservation` writes it: properties in the order it writes them,
 * types as it types them. Serialisers compiled from it (fast-json-stringify, which Fastify uses for a route's
 * response schema) write the same text as JSON.stringify in a fraction of the time; a page is 64 reservations.
 * A property missing here would be dropped from the reply, which test/dialects/zak/reservation-schema.test.ts
 * guards against.
 */
const number = { type: 'number' } as const;
const text = { type: 'string' } as const;
const nullableText = { type: ['string', 'null'] } as const;
const object = (properties: Record<string, unknown>) => ({ type: 'object', properties }) as const;

const split = object({ amount: number, vat: number, total: number, discount: number });
const price = object({ amount: number, vat: number, total: number, discount: number, currency: text });

const room = object({
  id_zak_room: number,
  id_zak_reservation_room: number,
  door_code: { type: ['object', 'null'], properties: { door_code: text } },
  id_zak_room_type: number,
  dfrom: nullableText,
  dto: nullableText,
  occupancy: object({ adults: number, teens: number, children: number, babies: number }),
  price,
  product_id: number,
  rate_id: { type: ['number', 'null'] },
  customers: {
    type: 'array',
    items: object({ checkin: nullableText, checkout: nullableText, id: number, room_customer_id: number }),
  },
});

export const reservationSchema = object({
  id: number,
  id_human: text,
  booker: number,
  status: text,
  expiration_date: text,
  origin: object({ channel: text }),
  last_status_date: text,
  board: text,
  created: nullableText,
  cpolicy: text,
  agency: { type: 'null' },
  corporate: { type: 'null' },
  price: object({ rooms: price, extras: price, meals: split, total: number }),
  payment: object({ amount: number, currency: text }),
  taxes: object({
    rsrv_tax: object({
      currency: text,
      amount: number,
      vat: number,
      vat_rate: number,
      total: number,
      discount: number,
    }),
    currency: text,
    room_tax: object({ amount: number, total: number, vat: number, vat_rate: number }),
    total: number,
  }),
  rooms: { type: 'array', items: room },
});

/** `{"data": {"reservations": [...]}}`: fetch_reservations and fetch_today_reservations. */
export const reservationPageReply = object({
  data: object({ reservations: { type: 'array', items: reservationSchema } }),
});

/** `{"data": {...}}`: fetch_one_reservation. */
export const reservationReply = object({ data: reservationSchema });
