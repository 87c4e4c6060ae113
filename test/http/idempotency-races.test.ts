import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { importInventory, validateInventory } from '../../src/core/inventory.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';
import {
  freshStore,
  postForm,
  tenantWithKey,
  type Reply,
  type TestStore,
  type TestTenant,
} from '../helper.ts';
import { secondNode, type Node } from '../nodes.ts';
import { serve, type Served } from '../processes.ts';
import { startHotel, stay, type Hotel } from '../dialects/zak/hotel.ts';

/** Reservations arriving on `arrival` (yyyy-mm-dd): each test books its own dates. */
async function bookedOn(db: TestStore['db'], arrival: string): Promise<number> {
  const rows = await db.selectFrom('reservations').select('id').where('arrival', '=', arrival).execute();
  return rows.length;
}

/** A hotel and a second node on its store, started before the tests of the block that calls it, stopped after. */
function hotelOnTwoNodes(): { hotel: Hotel; other: Node } {
  const nodes = {} as { hotel: Hotel; other: Node };
  before(async () => {
    nodes.hotel = await startHotel();
    nodes.other = await secondNode(nodes.hotel.server);
  });
  after(async () => {
    await nodes.other.close();
    await nodes.hotel.close();
  });
  return nodes;
}

describe('one Idempotency-Key, 20 concurrent identical `new` on two nodes', () => {
  const nodes = hotelOnTwoNodes();

  it('books exactly once; every reply is the stored one or a 409', async () => {
    const fields = { params: JSON.stringify(stay({ arrival: '10/06/2031', departure: '12/06/2031' })) };
    const headers = { 'x-api-key': nodes.hotel.tenant.key, 'idempotency-key': 'race-1' };
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        postForm(
          `${i % 2 === 0 ? nodes.hotel.server.base : nodes.other.base}/kp/reservations/new`,
          fields,
          headers,
        ),
      ),
    );
    assert.equal(await bookedOn(nodes.hotel.server.db, '2031-06-10'), 1);
    const answered = replies.filter((r) => r.status === 200);
    const busy = replies.filter((r) => r.status === 409);
    assert.equal(answered.length + busy.length, 20, replies.map((r) => `${r.status} ${r.text}`).join('\n'));
    assert.ok(answered.length >= 1);
    assert.equal(new Set(answered.map((r) => r.text)).size, 1, 'every 200 is the same body');
    for (const r of busy) assert.deepEqual(r.body, { error: 'a request with this key is in progress' });
    // Once the first has answered, a repeat on either node is its replay.
    for (const base of [nodes.hotel.server.base, nodes.other.base]) {
      const again = await postForm(`${base}/kp/reservations/new`, fields, headers);
      assert.equal(again.text, answered[0]!.text);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
    }
  });
});

describe('one Idempotency-Key already answered, 20 concurrent repeats on two nodes', () => {
  const nodes = hotelOnTwoNodes();

  const fields = { params: JSON.stringify(stay({ arrival: '10/07/2031', departure: '12/07/2031' })) };
  const headers = () => ({ 'x-api-key': nodes.hotel.tenant.key, 'idempotency-key': 'repeat-1' });
  const twenty = (body: Record<string, string>) =>
    Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        postForm(
          `${i % 2 === 0 ? nodes.hotel.server.base : nodes.other.base}/kp/reservations/new`,
          body,
          headers(),
        ),
      ),
    );

  it('replays the stored reply to every repeat: none is told the request is still in progress', async () => {
    const first = await postForm(`${nodes.hotel.server.base}/kp/reservations/new`, fields, headers());
    assert.equal(first.status, 200, first.text);
    const replies = await twenty(fields);
    for (const r of replies) {
      assert.equal(r.status, 200, r.text);
      assert.equal(r.text, first.text);
      assert.equal(r.headers.get('idempotent-replayed'), 'true');
    }
    assert.equal(await bookedOn(nodes.hotel.server.db, '2031-07-10'), 1);
  });

  it('refuses every different request with the key 422, not 409', async () => {
    const other = { params: JSON.stringify(stay({ arrival: '11/07/2031', departure: '12/07/2031' })) };
    for (const r of await twenty(other)) {
      assert.equal(r.status, 422, r.text);
      assert.deepEqual(r.body, { error: 'idempotency key reused with a different request' });
    }
  });
});

describe('a server killed (SIGKILL) during a keyed `new`, restarted, and the request retried', () => {
  let store: TestStore;
  let tenant: TestTenant;
  let server: Served | undefined;
  before(async () => {
    store = await freshStore();
    tenant = await tenantWithKey(store.db);
    await importInventory(store.db, tenant.id, validateInventory(readDemoInventory()));
  });
  after(async () => {
    await server?.stop('SIGKILL');
    await store.drop();
  });

  it('gets the stored reply or a fresh booking, never two bookings', async () => {
    server = await serve(store.url);
    // Killed while the request is in flight (the kill falls before or after its commit), then after its reply.
    for (const [i, when] of (['in flight', 'answered'] as const).entries()) {
      const month = String(i + 1).padStart(2, '0');
      const fields = {
        params: JSON.stringify(stay({ arrival: `01/${month}/2031`, departure: `03/${month}/2031` })),
      };
      const headers = { 'x-api-key': tenant.key, 'idempotency-key': `crash-${i}` };
      const sent: Promise<Reply | null> = postForm(
        `${server.base}/kp/reservations/new`,
        fields,
        headers,
      ).catch(() => null);
      const first: Reply | null = when === 'answered' ? await sent : (await sleep(10), null);
      await server.stop('SIGKILL');
      await sent;

      server = await serve(store.url);
      const retry = await postForm(`${server.base}/kp/reservations/new`, fields, headers);
      assert.equal(retry.status, 200, retry.text);
      assert.equal(await bookedOn(store.db, `2031-${month}-01`), 1, `killed ${when}: one booking`);
      if (when === 'answered') {
        assert.equal(first?.status, 200);
        assert.equal(retry.headers.get('idempotent-replayed'), 'true');
        assert.equal(retry.text, first?.text);
      }
    }
  });
});
