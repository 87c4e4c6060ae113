import { addDays } from '../../src/core/dates.ts';
import { importInventory, validateInventory } from '../../src/core/inventory.ts';
import { insertCustomers } from '../../src/store/customers.ts';
import {
  insertReservationsBulk,
  setSequence,
  someCustomerIds,
  type BulkReservation,
} from '../../src/store/reservations-bulk.ts';
import { PAIRED_ROUNDS, PAIRED_SECONDS, pairedRounds, pairedRows } from '../rounds.ts';
import type { BenchRow, RunContext, Scenario } from '../scenario.ts';

const RESERVATIONS = 100_000;
const PAGES = 'zak fetch_reservations (100k, arrival filter, 64/page)';
const ROOMS = 1000;
const BOOKERS = 2000;
/** Seeded stays: two nights, a new one every three days in each room, from FIRST_DAY on. */
const FIRST_DAY = '2024-01-01';
const SLOTS = RESERVATIONS / ROOMS;

const wire = (iso: string) => iso.split('-').reverse().join('/');

/** A hotel of ROOMS double rooms, each bookable through product 1. */
export function benchInventory() {
  return {
    prefix: 'BN',
    timezone: 'UTC',
    currency: 'EUR',
    vat: { rooms: 10, meals: 10, extras: 22 },
    tourist_tax: { per_guest_per_night: 2, max_nights: 7 },
    room_types: [{ id: 1, name: 'Double', shortname: 'DBL', capacity: 2, price: 100 }],
    rooms: Array.from({ length: ROOMS }, (_, i) => ({
      id: i + 1,
      room_type: 1,
      name: `R${i + 1}`,
      tags: [],
    })),
    products: [{ id: 1, room_type: 1, name: 'Double - Standard', master: true, price: 110 }],
    extras: [],
  };
}

function seededReservation(tenantId: number, i: number, booker: number, at: string): BulkReservation {
  const arrival = addDays(FIRST_DAY, 3 * Math.floor(i / ROOMS));
  const departure = addDays(arrival, 2);
  const code = `BN-${String(i + 1).padStart(4, '0')}`;
  return {
    reservation: {
      tenant_id: tenantId,
      code,
      booker,
      status: 'Confirmed',
      expiration_date: null,
      board: 'bb',
      channel: '--',
      cpolicy: 'Default Policy',
      created_on: at.slice(0, 10),
      created_at: at,
      last_status_at: null,
      arrival,
      departure,
      currency: 'EUR',
      vat_rooms_bp: 1000,
      tax_cents: 800,
      extras_cents: 0,
      extras_vat_cents: 0,
      meals_cents: 0,
      meals_vat_cents: 0,
    },
    room: {
      tenant_id: tenantId,
      room_id: (i % ROOMS) + 1,
      room_type_id: 1,
      dfrom: arrival,
      dto: departure,
      adults: 2,
      teens: 0,
      children: 0,
      babies: 0,
      product_id: 1,
      rate_id: 1,
      price_cents: 22_000,
      vat_cents: 2000,
      door_code: null,
    },
    nights: [arrival, addDays(arrival, 1)],
  };
}

/**
 * Every request books free nights: each connection gets its own rooms and dates far from the seeded ones. Every
 * booking distinct (a room and three nights no other booking of the list takes), in the order wrk sends them, from
 * `firstArrival` on: more than a run can send, so that none is refused for a room already taken.
 */
export function bookingRequests(headers: Record<string, string>, firstArrival: string) {
  const BOOKINGS = 40_000;
  return Array.from({ length: BOOKINGS }, (_, j) => {
    const arrival = addDays(firstArrival, 3 * Math.floor(j / ROOMS));
    const params = {
      arrival: wire(arrival),
      departure: wire(addDays(arrival, 2)),
      customer: { name: 'Bench', surname: `Guest${j}`, email: `g${j}@example.com` },
      rooms: [{ room: (j % ROOMS) + 1, adults: 2 }],
    };
    return {
      method: 'POST' as const,
      path: '/kp/reservations/new',
      headers,
      body: `params=${encodeURIComponent(JSON.stringify(params))}`,
    };
  });
}

export const scenarios: Scenario[] = [
  {
    name: 'zak reservations',
    async seed({ db, tenant }) {
      await importInventory(db, tenant.id, validateInventory(benchInventory()));
      const at = new Date().toISOString();
      await insertCustomers(
        db,
        Array.from({ length: BOOKERS }, (_, i) => ({
          tenant_id: tenant.id,
          name: `Guest${i}`,
          surname: 'Bench',
          created_at: at,
          updated_at: at,
        })),
      );
      const bookers = await someCustomerIds(db, tenant.id, BOOKERS);
      const items = Array.from({ length: RESERVATIONS }, (_, i) =>
        seededReservation(tenant.id, i, bookers[i % bookers.length]!, at),
      );
      await insertReservationsBulk(db, items);
      await setSequence(db, tenant.id, RESERVATIONS);
    },

    async run({ load, tenant, startServer, compared, comparedByHead }) {
      if (comparedByHead) return [];
      const headers = { 'x-api-key': tenant.key, 'content-type': 'application/x-www-form-urlencoded' };
      // A week of arrivals holds about 3 × ROOMS reservations: every page asked for is a full page of 64.
      const pages = Array.from({ length: 400 }, (_, i) => {
        const from = addDays(FIRST_DAY, 3 * ((i * 37) % (SLOTS - 3)));
        const filters = {
          arrival: { from: wire(from), to: wire(addDays(from, 6)) },
          pager: { limit: 64, offset: 64 * (i % 40) },
        };
        return {
          method: 'POST' as const,
          path: '/kp/reservations/fetch_reservations',
          headers,
          body: `filters=${encodeURIComponent(JSON.stringify(filters))}`,
        };
      });
      const pageLoad = (run: RunContext['load']) => (round: number) =>
        run({
          path: '/kp/reservations/fetch_reservations',
          requests: pages,
          connections: 10,
          duration: PAIRED_SECONDS,
          warmup: round === 0 ? 2 : 0,
        });
      // Each round books its own year (both commits the same dates, each on its own store).
      const bookingLoad = (run: RunContext['load']) => (round: number) =>
        run({
          path: '/kp/reservations/new',
          requests: bookingRequests(headers, `${2030 + round}-01-01`),
          connections: 10,
          duration: PAIRED_SECONDS,
        });
      const fetch = await pairedRounds(pageLoad(load), compared && pageLoad(compared.load), PAIRED_ROUNDS);
      const writes = await pairedRounds(
        bookingLoad(load),
        compared && bookingLoad(compared.load),
        PAIRED_ROUNDS,
      );
      const rows: BenchRow[] = [
        ...pairedRows(PAGES, '10 connections', fetch, compared?.label),
        ...pairedRows('zak new (write path)', '10 connections', writes, compared?.label),
      ];
      // HEAD only (a compared commit returned above): two processes on both cores, wrk sharing the second, bounded by
      // the load generator on two cores.
      const two = await startServer({ WORKERS: '2' });
      try {
        const r = await two.load({
          path: '/kp/reservations/fetch_reservations',
          requests: pages,
          connections: 10,
          warmup: 2,
        });
        rows.push({
          name: `${PAGES}, WORKERS=2`,
          ...r,
          note: 'server on both cores, wrk on core 1 too',
        });
      } finally {
        await two.stop();
      }
      return rows;
    },
  },
];
