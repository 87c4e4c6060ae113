/**
 * The reservation of the vendor's `fetch_one_reservation` example (shared/seeds/001_…) as Clientele writes it:
 * `product_id`/`rate_id` as numbers, each room's own `price`, each guest's `room_customer_id`, amounts rounded
 * to the cent (docs/zak-reservations.md says why each differs from the vendor's text).
 */

const occupancy = (adults: number) => ({ adults, teens: 0, children: 0, babies: 0 });

function room(
  id: number,
  roomId: number,
  typeId: number,
  code: string,
  adults: number,
  total: number,
  product?: number,
) {
  const amount = Math.round((total / 1.13) * 100) / 100;
  return {
    id_zak_room: roomId,
    id_zak_reservation_room: id,
    door_code: { door_code: code },
    id_zak_room_type: typeId,
    dfrom: '18/10/2023',
    dto: '31/10/2023',
    occupancy: occupancy(adults),
    price: {
      amount,
      vat: Math.round((total - amount) * 100) / 100,
      total,
      discount: 0,
      currency: 'EUR',
    },
    ...(product !== undefined && { product_id: product, rate_id: 1 }),
    customers: [] as Array<{ checkin: null; checkout: null; id: number; room_customer_id: number }>,
  };
}

const rooms = [
  room(1356, 2, 1, 'yellow', 1, 2210, 1),
  room(1357, 3, 1, 'green', 1, 2210, 1),
  room(1358, 9, 3, '13131', 3, 3380, 3),
  room(1359, 15, 1, '', 1, 2041),
  room(1360, 7, 3, '123', 3, 3380),
];
rooms[0]!.customers.push({ checkin: null, checkout: null, id: 7, room_customer_id: 1 });

export const SEED_RESERVATION = {
  id: 549,
  id_human: 'PD-0003',
  booker: 7,
  status: 'Confirmed',
  expiration_date: '',
  origin: { channel: '--' },
  last_status_date: '',
  board: 'fb',
  created: '18/10/2023',
  cpolicy: 'Default Policy',
  agency: null,
  corporate: null,
  price: {
    rooms: { amount: 11700, vat: 1521, total: 13221, discount: 0, currency: 'EUR' },
    extras: { amount: 0, vat: 0, total: 0, discount: 0 },
    meals: { amount: 0, vat: 0, total: 0, discount: 0 },
    total: 17750.85,
  },
  payment: { amount: 0, currency: 'EUR' },
  taxes: {
    rsrv_tax: { currency: 'EUR', amount: 0, vat: 0, vat_rate: 0, total: 0, discount: 0 },
    currency: 'EUR',
    room_tax: { amount: 4529.85, total: 4529.85, vat: 0, vat_rate: 0 },
    total: 4529.85,
  },
  rooms,
};
