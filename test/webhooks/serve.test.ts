import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDataKeys } from '../../src/core/data-keys.ts';
import { importInventory, validateInventory } from '../../src/core/inventory.ts';
import { createWebhook, listDeliveries } from '../../src/core/webhooks.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';
import {
  freshStore,
  postForm,
  TEST_DATA_KEY_FILE,
  tenantWithKey,
  type TestStore,
  type TestTenant,
} from '../helper.ts';
import { serve, type Served, until } from '../processes.ts';
import { WEBHOOK_ENV, startReceiver, type Receiver } from './support.ts';

/**
 * The sender as `clientele serve` runs it, in real processes: an event committed just before the process is killed
 * is delivered after a restart, and two nodes on one store deliver each event once.
 */
describe('webhooks from clientele serve', () => {
  let store: TestStore;
  let tenant: TestTenant;
  let receiver: Receiver;
  let webhook: number;

  /** Books room `room` for the night of `night` (an offset from 1 January 2031) on the server at `base`. */
  async function book(base: string, room: number, night: number): Promise<number> {
    const day = new Date(Date.UTC(2031, 0, 1 + night));
    const wire = (d: Date) => `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
    const params = {
      arrival: wire(day),
      departure: wire(new Date(day.getTime() + 86_400_000)),
      customer: { name: 'Guest', surname: `Night${night}` },
      rooms: [{ room }],
    };
    const r = await postForm<{ data: { rsrvid: number } }>(
      `${base}/kp/reservations/new`,
      { params: JSON.stringify(params) },
      { 'x-api-key': tenant.key },
    );
    assert.equal(r.status, 200, r.text);
    return r.body.data.rsrvid;
  }
  const pushedReservations = () =>
    receiver.pushes('/zak').map((p) => JSON.parse(new URLSearchParams(p.body).get('push_data')!).reservation);
  const delivered = async () =>
    (await listDeliveries(store.db, { webhookId: webhook, status: 'delivered' }, 10_000)).length;

  before(async () => {
    [store, receiver] = await Promise.all([freshStore(), startReceiver()]);
    tenant = await tenantWithKey(store.db);
    await importInventory(store.db, tenant.id, validateInventory(readDemoInventory()));
    // The secret is sealed with the key file the served processes use.
    openDataKeys(TEST_DATA_KEY_FILE);
    const input = { tenantId: tenant.id, url: receiver.url('/zak') };
    webhook = (await createWebhook(store.db, input, { allowPrivate: true })).id;
  });
  after(async () => {
    await receiver.close();
    await store.drop();
  });

  it('delivers the event of a booking whose server was killed right after replying, once restarted', async () => {
    const first = await serve(store.url, WEBHOOK_ENV);
    const id = await book(first.base, 2, 0);
    await first.stop('SIGKILL');
    const events = await store.db
      .selectFrom('outbox_events')
      .select('type')
      .where('type', '=', 'reservation.created')
      .execute();
    assert.equal(events.length, 1, 'the committed booking has its event');
    const second = await serve(store.url, WEBHOOK_ENV);
    try {
      await until('the push after the restart', () => (pushedReservations().includes(id) ? true : undefined));
      await until('the delivery recorded', async () => ((await delivered()) === 1 ? true : undefined));
      // The sender counts what it did in /metrics (docs/operations.md): one delivery, delivered.
      const metrics = await (await fetch(`${second.base}/metrics`)).text();
      assert.match(metrics, /^clientele_webhook_deliveries_total\{outcome="delivered"\} 1$/m);
    } finally {
      await second.stop();
    }
  });

  it('two nodes on one store deliver 100 bookings made on both: 100 pushes, none twice', async () => {
    const nodes: Served[] = await Promise.all([serve(store.url, WEBHOOK_ENV), serve(store.url, WEBHOOK_ENV)]);
    const before = receiver.pushes('/zak').length;
    const booked: number[] = [];
    try {
      for (let batch = 0; batch < 10; batch++) {
        const ids = await Promise.all(
          Array.from({ length: 10 }, (_, i) => book(nodes[i % 2]!.base, 3 + (i % 10), 10 + batch)),
        );
        booked.push(...ids);
      }
      await until(
        '100 deliveries recorded',
        async () => ((await delivered()) === 101 ? true : undefined),
        120_000,
      );
    } finally {
      // A graceful stop finishes the requests in flight: nothing can arrive after this.
      await Promise.all(nodes.map((node) => node.stop()));
    }
    const pushes = receiver.pushes('/zak').slice(before);
    assert.equal(pushes.length, 100);
    assert.deepEqual(
      pushes
        .map((p) => JSON.parse(new URLSearchParams(p.body).get('push_data')!).reservation)
        .sort((a, b) => a - b),
      [...booked].sort((a, b) => a - b),
    );
    assert.equal(new Set(pushes.map((p) => p.headers['x-clientele-delivery'])).size, 100);
  });
});
