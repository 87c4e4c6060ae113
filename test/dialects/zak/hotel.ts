import { importInventory, validateInventory } from '../../../src/core/inventory.ts';
import { readDemoInventory } from '../../../src/demo-inventory.ts';
import {
  postForm,
  startServer,
  tenantWithKey,
  type Reply,
  type TestServer,
  type TestTenant,
} from '../../helper.ts';

/** A running server with a tenant loaded with the demo hotel (or the given inventory file). */
export interface Hotel {
  server: TestServer;
  tenant: TestTenant;
  call<T = unknown>(path: string, fields?: Record<string, string>, key?: string): Promise<Reply<T>>;
  /** Books a reservation through `new`; returns its id and code. */
  book(params: Record<string, unknown>): Promise<{ id: number; code: string }>;
  close(): Promise<void>;
}

/** `env` as for startServer. */
export async function startHotel(
  inventory: unknown = readDemoInventory(),
  env: Record<string, string> = {},
): Promise<Hotel> {
  const server = await startServer(env);
  const tenant = await tenantWithKey(server.db);
  await importInventory(server.db, tenant.id, validateInventory(inventory));
  const call = <T>(path: string, fields: Record<string, string> = {}, key = tenant.key) =>
    postForm<T>(`${server.base}/kp/${path}`, fields, { 'x-api-key': key });
  return {
    server,
    tenant,
    call,
    book: async (params) => {
      const r = await call<{ data: { id: string; rsrvid: number } }>('reservations/new', {
        params: JSON.stringify(stay(params)),
      });
      if (r.status !== 200) throw new Error(`booking failed: ${r.text}`);
      return { id: r.body.data.rsrvid, code: r.body.data.id };
    },
    close: () => server.close(),
  };
}

/** A `new` params object: one adult in room 2 for three nights in 2030 unless overridden. */
export function stay(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    arrival: '10/03/2030',
    departure: '13/03/2030',
    customer: { name: 'Mario', surname: 'Rossi' },
    rooms: [{ room: 2 }],
    ...overrides,
  };
}

export type Data<T> = { data: T };
export type Failure = { error: string };

export interface PriceReply {
  amount: number;
  vat: number;
  total: number;
  discount: number;
  currency?: string;
}
export interface RoomReply {
  id_zak_room: number;
  id_zak_reservation_room: number;
  door_code: { door_code: string } | null;
  id_zak_room_type: number;
  dfrom: string;
  dto: string;
  occupancy: { adults: number; teens: number; children: number; babies: number };
  price: PriceReply;
  product_id?: number;
  rate_id?: number;
  customers: Array<{ checkin: string | null; checkout: string | null; id: number; room_customer_id: number }>;
}
export interface ReservationReply {
  id: number;
  id_human: string;
  booker: number;
  status: string;
  expiration_date: string;
  origin: { channel: string };
  board: string;
  created: string;
  agency: null;
  corporate: null;
  price: { rooms: PriceReply; extras: PriceReply; meals: PriceReply; total: number };
  payment: { amount: number; currency: string };
  taxes: { total?: number; room_tax?: { amount: number; total: number } };
  rooms: RoomReply[];
}
