import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { emit } from '../../src/core/events.ts';
import { importInventory, validateInventory } from '../../src/core/inventory.ts';
import { createWebhook } from '../../src/core/webhooks.ts';
import { openDb } from '../../src/store/db.ts';
import type { BenchRow, LoadResult, Scenario } from '../scenario.ts';
import { benchInventory, bookingRequests } from './zak-reservations.ts';

/** Events queued at once for the sender's throughput. */
const EVENTS = 5000;
/** The longest the sender may take to deliver them before the row says so. */
const DRAIN_MS = 120_000;

/** A receiver on loopback that answers 204 and counts what it gets, per path. */
async function startReceiver() {
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      counts.set(req.url ?? '', (counts.get(req.url ?? '') ?? 0) + 1);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    count: (path: string) => counts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** Waits until `done()`, or the deadline; returns the milliseconds it took, or undefined at the deadline. */
async function until(done: () => boolean, deadlineMs: number): Promise<number | undefined> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > deadlineMs) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

const failed = (r: LoadResult) => (r.non2xx + r.errors ? `; ${r.non2xx + r.errors} failed` : '');

export const scenarios: Scenario[] = [
  {
    name: 'webhooks',
    async seed({ db, tenant }) {
      await importInventory(db, tenant.id, validateInventory(benchInventory()));
    },

    async run({ load, tenant, label, databaseUrl }) {
      const headers = { 'x-api-key': tenant.key, 'content-type': 'application/x-www-form-urlencoded' };
      const path = '/kp/reservations/new';
      const plain = await load({ path, requests: bookingRequests(headers, '2030-01-01'), connections: 10 });
      const rows: BenchRow[] = [
        { name: 'zak new, no webhook', ...plain, note: `10 connections${failed(plain)}` },
      ];
      // The compared commit may have no webhooks at all: its row above is the comparison.
      if (label !== 'HEAD') return rows;

      const receiver = await startReceiver();
      const db = openDb(databaseUrl);
      try {
        const allowPrivate = { allowPrivate: true };
        await createWebhook(db, { tenantId: tenant.id, url: receiver.url('/zak') }, allowPrivate);
        const hooked = await load({
          path,
          requests: bookingRequests(headers, '2031-01-01'),
          connections: 10,
        });
        const booked = hooked.requests - hooked.non2xx - hooked.errors;
        const drained = await until(() => receiver.count('/zak') >= booked, DRAIN_MS);
        rows.push({
          name: 'zak new, one active webhook (zak format)',
          ...hooked,
          note:
            `${(hooked.rps / plain.rps).toFixed(2)}× without (target ≥ 0.9); ` +
            (drained === undefined
              ? `only ${receiver.count('/zak')} of ${booked} pushes after ${DRAIN_MS / 1000} s`
              : `all ${booked} pushed ${(drained / 1000).toFixed(1)} s after the load`) +
            failed(hooked),
          ratioToPlain: hooked.rps / plain.rps,
        });

        // The sender alone: a backlog of events committed at once, delivered to one webhook in order.
        const input = { tenantId: tenant.id, url: receiver.url('/all'), format: 'clientele' };
        await createWebhook(db, { ...input, events: ['customer.updated'] }, allowPrivate);
        await db.transaction().execute(async (trx) => {
          for (let i = 1; i <= EVENTS; i++)
            await emit(trx, tenant.id, 'customer.updated', { customer: i, changes: { city: 'Roma' } });
        });
        const took = await until(() => receiver.count('/all') >= EVENTS, DRAIN_MS);
        const perSecond = took === undefined ? undefined : EVENTS / (took / 1000);
        rows.push({
          name: `webhook sender, ${EVENTS} events to one webhook`,
          eventsPerSecond: perSecond,
          note:
            perSecond === undefined
              ? `only ${receiver.count('/all')} delivered in ${DRAIN_MS / 1000} s`
              : `${perSecond.toFixed(0)} events/s delivered to a local receiver (target ≥ 500)`,
        });
      } finally {
        await db.destroy();
        await receiver.close();
      }
      return rows;
    },
  },
];
