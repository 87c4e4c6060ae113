import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { emit } from '../../src/core/events.ts';
import { createWebhook, listDeliveries, removeWebhook, type Delivery } from '../../src/core/webhooks.ts';
import { freePort, until } from '../processes.ts';
import { startReceiver, verifies, webhookHotel, type Receiver, type WebhookHotel } from './support.ts';

/**
 * Delivery: at least once, retried with backoff, in order per webhook, never held up by another webhook, whatever
 * the receiver does. A delivery is attempted at most WEBHOOK_MAX_ATTEMPTS (4 here) times; a receiver has
 * WEBHOOK_TIMEOUT_MS (3 s here) to answer.
 */
describe('webhook delivery', () => {
  let hotel: WebhookHotel;
  let receiver: Receiver;
  let made = 0;

  /** A clientele-format webhook of the hotel for customer.created on `path` (or at `url`). */
  async function add(path: string, url = receiver.url(path)) {
    const input = { tenantId: hotel.tenant.id, url, format: 'clientele', events: ['customer.created'] };
    const webhook = await createWebhook(hotel.server.db, input, { allowPrivate: true });
    return webhook;
  }
  /** Creates a customer through Zak: one customer.created event; returns the customer's id. */
  async function customer(): Promise<number> {
    const custdata = JSON.stringify({ name: 'Guest', surname: `Number${++made}` });
    const r = await hotel.call<{ data: number }>('customers/add_one', { custdata });
    assert.equal(r.status, 200, r.text);
    return r.body.data;
  }
  const deliveriesOf = (webhook: number) => listDeliveries(hotel.server.db, { webhookId: webhook }, 100);
  const settled = (webhook: number, test: (d: Delivery[]) => boolean, what: string) =>
    until(what, async () => {
      const found = await deliveriesOf(webhook);
      return test(found) ? found : undefined;
    });
  const customerOf = (body: string) => JSON.parse(body).data.customer as number;

  before(async () => {
    [hotel, receiver] = await Promise.all([
      webhookHotel({ WEBHOOK_MAX_ATTEMPTS: '4', WEBHOOK_TIMEOUT_MS: '3000' }),
      startReceiver(),
    ]);
  });
  after(async () => {
    await hotel.close();
    await receiver.close();
  });

  it('retries a receiver that fails twice: delivered on the third attempt, same delivery id, visible in `webhook deliveries`', async () => {
    const webhook = await add('/flaky');
    receiver.answer('/flaky', (res, _push, nth) => res.writeHead(nth <= 2 ? 503 : 200).end());
    await customer();
    const [delivery] = await settled(webhook.id, (d) => d[0]?.status === 'delivered', 'the third attempt');
    const pushes = receiver.pushes('/flaky');
    assert.equal(pushes.length, 3);
    assert.deepEqual(
      new Set(pushes.map((p) => p.headers['x-clientele-delivery'])),
      new Set([String(delivery!.id)]),
    );
    for (const push of pushes)
      assert.ok(verifies(push.headers['x-clientele-signature'], push.body, webhook.secret));
    assert.equal(new Set(pushes.map((p) => p.body)).size, 1, 'the same payload each time');

    const shown = await hotel.deliveries('--webhook', String(webhook.id));
    assert.deepEqual(shown, [
      {
        ...shown[0],
        id: delivery!.id,
        webhook: webhook.id,
        event: 'customer.created',
        status: 'delivered',
        attempts: 3,
        last_status_code: 200,
        last_error: null,
        next_attempt_at: null,
      },
    ]);
    const failedOnly = await hotel.deliveries('--webhook', String(webhook.id), '--status', 'failed');
    assert.deepEqual(failedOnly, []);
  });

  it('redeliver sends the same delivery again', async () => {
    const webhook = await add('/again');
    await customer();
    const [delivery] = await settled(webhook.id, (d) => d[0]?.status === 'delivered', 'the first delivery');
    const r = await hotel.cli('webhook', 'redeliver', String(delivery!.id));
    assert.equal(r.code, 0, r.stderr);
    await until('the redelivery', () => (receiver.pushes('/again').length === 2 ? true : undefined));
    const [first, second] = receiver.pushes('/again');
    assert.equal(second!.headers['x-clientele-delivery'], first!.headers['x-clientele-delivery']);
    assert.equal(second!.body, first!.body);
    await settled(webhook.id, (d) => d[0]?.status === 'delivered' && d[0].attempts === 2, 'recorded');
    const missing = await hotel.cli('webhook', 'redeliver', '987654');
    assert.equal(missing.code, 1, 'called rightly, but nothing to redeliver');
    assert.match(missing.stderr, /delivery not found/);
  });

  it('records each delivery as delivered before it sends the next: a sender killed then repeats one, not a batch', async () => {
    const webhook = await add('/recorded');
    let held: (() => void) | undefined;
    receiver.answer('/recorded', (res, _push, nth) => {
      if (nth < 3) return res.writeHead(204).end();
      // The third push is held: the sender is in the middle of it, as it would be when killed.
      held = () => res.writeHead(204).end();
    });
    // Three events committed at once: the sender reads them as one queue, and sends them one after another.
    const ids = [9001, 9002, 9003];
    await hotel.server.db.transaction().execute(async (trx) => {
      for (const id of ids)
        await emit(trx, hotel.tenant.id, 'customer.created', { customer: id, fields: {} });
    });
    await until('the third push', () => held);
    // Recorded while the third is in flight (the records run beside the sends): a sender killed now sends only it.
    // Within 2 s: before the sender gives the held attempt up (WEBHOOK_TIMEOUT_MS, 3 s here) and records it failed.
    await until(
      'the first two recorded while the third waits',
      async () => {
        const statuses = (await deliveriesOf(webhook.id)).map((d) => d.status).join();
        return statuses === 'delivered,delivered,pending' || undefined;
      },
      2000,
    );
    held!();
    await settled(webhook.id, (d) => d.every((x) => x.status === 'delivered'), 'all three');
    assert.deepEqual(
      receiver.pushes('/recorded').map((p) => customerOf(p.body)),
      ids,
    );
  });

  it("keeps a webhook's deliveries in event order: the next waits while the one before is retried", async () => {
    const webhook = await add('/ordered');
    receiver.answer('/ordered', (res, _push, nth) => res.writeHead(nth === 1 ? 500 : 204).end());
    const first = await customer();
    const second = await customer();
    const third = await customer();
    await settled(webhook.id, (d) => d.length === 3 && d.every((x) => x.status === 'delivered'), 'all three');
    assert.deepEqual(
      receiver.pushes('/ordered').map((p) => customerOf(p.body)),
      [first, first, second, third],
    );
  });

  it('gives a delivery up after WEBHOOK_MAX_ATTEMPTS, and then sends the later ones', async () => {
    const webhook = await add('/broken');
    let first: number | undefined;
    receiver.answer('/broken', (res, push) => {
      first ??= customerOf(push.body);
      res.writeHead(customerOf(push.body) === first ? 500 : 200).end();
    });
    const before = { ...hotel.counted };
    const doomed = await customer();
    const later = await customer();
    const found = await settled(
      webhook.id,
      (d) => d.length === 2 && d[1]!.status === 'delivered',
      'both settled',
    );
    assert.deepEqual(
      found.map((d) => [d.status, d.attempts, d.last_status_code, d.last_error, d.next_attempt_at]),
      [
        ['failed', 4, 500, 'HTTP 500', null],
        ['delivered', 1, 200, null, null],
      ],
    );
    assert.deepEqual(
      receiver.pushes('/broken').map((p) => customerOf(p.body)),
      [doomed, doomed, doomed, doomed, later],
    );
    // As /metrics counts them (clientele_webhook_deliveries_total): three retries, then failed. (The earlier
    // tests' webhooks also took both customers, so `delivered` grew by more than the later one.)
    assert.deepEqual(
      { retry: hotel.counted.retry - before.retry, failed: hotel.counted.failed - before.failed },
      { retry: 3, failed: 1 },
    );
    assert.ok(hotel.counted.delivered > before.delivered);
  });

  it('records a slow receiver as a timed-out attempt, while another webhook is served meanwhile', async () => {
    const slow = await add('/slow');
    const healthy = await add('/healthy');
    let open = 0;
    receiver.answer('/slow', (res) => {
      open += 1;
      res.on('close', () => (open -= 1));
    });
    await customer();
    await until('the slow request', () => (open > 0 ? true : undefined));
    const next = await customer();
    // Sent while the slow receiver still holds its request: nothing waits for it.
    await until('the healthy push', () =>
      receiver.pushes('/healthy').some((p) => customerOf(p.body) === next) ? true : undefined,
    );
    assert.ok(open > 0, 'the slow request was still open when the other webhook got its event');
    const [timedOut] = await settled(slow.id, (d) => (d[0]?.attempts ?? 0) >= 1, 'the timed-out attempt');
    assert.equal(timedOut!.status, 'pending');
    assert.equal(timedOut!.last_status_code, null);
    assert.equal(timedOut!.last_error, 'no reply within 3000 ms');
    assert.notEqual(timedOut!.next_attempt_at, null);
    await removeWebhook(hotel.server.db, slow.id);
    await removeWebhook(hotel.server.db, healthy.id);
  });

  it('does not follow a redirect: a failed attempt with its status, retried', async () => {
    const webhook = await add('/moved');
    receiver.answer('/moved', (res) => res.writeHead(302, { location: receiver.url('/target') }).end());
    await customer();
    const [d] = await settled(webhook.id, (x) => (x[0]?.attempts ?? 0) >= 2, 'two attempts');
    assert.equal(d!.last_status_code, 302);
    assert.equal(d!.last_error, 'HTTP 302 (redirects are not followed)');
    assert.deepEqual(receiver.pushes('/target'), []);
    await removeWebhook(hotel.server.db, webhook.id);
  });

  it('reads no more than a bounded part of a huge reply', async () => {
    const statuses: Record<string, number> = { '/huge-error': 500, '/huge-ok': 200 };
    const cut: Record<string, boolean> = {};
    for (const [path, status] of Object.entries(statuses)) {
      receiver.answer(path, (res) => {
        res.writeHead(status, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 120);
        let sent = 0;
        const write = () => {
          while (sent < 50 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', write);
          }
          res.end();
        };
        res.on('close', () => (cut[path] = !res.writableFinished));
        write();
      });
    }
    const failing = await add('/huge-error');
    const accepting = await add('/huge-ok');
    await customer();
    const [failed] = await settled(failing.id, (d) => (d[0]?.attempts ?? 0) >= 2, 'the 500 retried');
    assert.equal(failed!.last_status_code, 500);
    const [delivered] = await settled(accepting.id, (d) => d[0]?.status === 'delivered', 'the 200 accepted');
    assert.equal(delivered!.attempts, 1);
    await until('both replies cut', () => (cut['/huge-error'] && cut['/huge-ok'] ? true : undefined));
    await removeWebhook(hotel.server.db, failing.id);
  });

  it('records a reset connection and a port where nothing listens, and retries them', async () => {
    receiver.answer('/reset', (_res, _push, _nth, req) => req.socket.destroy());
    const reset = await add('/reset');
    const nowhere = await add('/nowhere', `http://127.0.0.1:${await freePort()}/hook`);
    await customer();
    const [r] = await settled(reset.id, (d) => (d[0]?.attempts ?? 0) >= 2, 'the reset retried');
    assert.equal(r!.last_error, 'connection reset');
    assert.equal(r!.status, 'pending');
    const [n] = await settled(nowhere.id, (d) => (d[0]?.attempts ?? 0) >= 2, 'the refused retried');
    assert.equal(n!.last_error, 'connection refused');
    assert.equal(n!.last_status_code, null);
    for (const id of [reset.id, nowhere.id]) await removeWebhook(hotel.server.db, id);
  });

  it('serves the APIs meanwhile', async () => {
    assert.equal((await hotel.call('property/fetch_rooms')).status, 200);
  });
});
