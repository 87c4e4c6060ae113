import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { countRows, postForm } from '../helper.ts';
import { validCustomer } from '../dialects/netstorming/helper.ts';
import { secondNode, startSandbox, stay, until, type Sandboxed } from './support.ts';

describe('fault rules /admin/v1/tenants/{t}/faults', () => {
  let s: Sandboxed;
  const addFault = (tenant: number, body: unknown) =>
    s.admin.call('POST', '/tenants/{tenant}/faults', { params: { tenant }, body });
  const listFaults = async (tenant: number) =>
    (await s.admin.call('GET', '/tenants/{tenant}/faults', { params: { tenant } })).body.items;

  before(async () => {
    s = await startSandbox();
  });
  after(() => s.close());
  beforeEach(async () => {
    for (const t of [s.a, s.b])
      assert.equal(
        (await s.admin.call('DELETE', '/tenants/{tenant}/faults', { params: { tenant: t.id } })).status,
        204,
      );
  });

  it('answers a Zak call with 503 in Zak\'s {"error"} shape, writes nothing, and leaves tenant B alone', async () => {
    const r = await addFault(s.a.id, { call: 'zak:reservations/new', status: 503 });
    assert.equal(r.status, 201);
    assert.equal(r.body.call, 'zak:reservations/new');
    const before = await countRows(s.server.db, 'reservations');
    const faulted = await s.zak(s.a, 'reservations/new', stay('10/03/2030', '12/03/2030'));
    assert.equal(faulted.status, 503);
    assert.deepEqual(faulted.body, { error: 'sandbox fault: 503 Service Unavailable' });
    assert.equal(await countRows(s.server.db, 'reservations'), before);
    assert.equal(await countRows(s.server.db, 'customers'), 0);
    // Another call of tenant A, and the same call of tenant B, run as usual.
    assert.equal((await s.zak(s.a, 'reservations/fetch_reservations')).status, 200);
    const other = await s.zak(s.b, 'reservations/new', stay('10/03/2030', '12/03/2030'));
    assert.equal(other.status, 200, other.text);
  });

  it('answers virtpos with success 0 (JSON and XML) and Netstorming with its request-level shape', async () => {
    await addFault(s.a.id, { call: 'virtpos:customer/update', status: 500 });
    await addFault(s.a.id, { call: 'netstorming:insert', status: 502 });
    const json = await s.virtpos(s.a, 'update', { id: '1', name: 'X' });
    assert.equal(json.status, 500);
    assert.deepEqual(json.body, { success: 0, info: 'sandbox fault: 500 Internal Server Error' });
    const xml = await s.virtpos(s.a, 'update', { id: '1', format: 'xml' });
    assert.equal(xml.status, 500);
    assert.match(xml.text, /<success>0<\/success>/);
    const customers = await countRows(s.server.db, 'agencies');
    const ns = await s.netstorming(s.a, 'insert', { customers: [validCustomer(1)] });
    assert.equal(ns.status, 502);
    assert.deepEqual(ns.body, {
      dry_run: false,
      results: [],
      errors: [{ 'line/index': 0, errors: ['sandbox fault: 502 Bad Gateway'] }],
    });
    assert.equal(await countRows(s.server.db, 'agencies'), customers);
    // The listing is another call: not faulted.
    assert.equal((await s.virtpos(s.a, '')).status, 200);
  });

  it('adds Retry-After to a 429, sends a given body as is, and matches every call with *', async () => {
    await addFault(s.a.id, { call: '*', status: 429 });
    const r = await s.zak(s.a, 'property/fetch_room_types');
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('retry-after'), '1');
    await s.admin.call('DELETE', '/tenants/{tenant}/faults', { params: { tenant: s.a.id } });
    await addFault(s.a.id, { call: 'zak:property/fetch_room_types', status: 418, body: { teapot: true } });
    const body = await s.zak(s.a, 'property/fetch_room_types');
    assert.equal(body.status, 418);
    assert.deepEqual(body.body, { teapot: true });
  });

  it('faults `times` requests only, never with probability 0, and delays by latency_ms', async () => {
    await addFault(s.a.id, { call: 'zak:reservations/fetch_reservations', status: 503, times: 2 });
    await addFault(s.a.id, { call: 'zak:property/fetch_rooms', status: 503, probability: 0 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await s.zak(s.a, 'reservations/fetch_reservations')).status);
    assert.deepEqual(statuses, [503, 503, 200]);
    for (let i = 0; i < 5; i++) assert.equal((await s.zak(s.a, 'property/fetch_rooms')).status, 200);
    // A spent rule is no longer listed.
    assert.deepEqual(
      (await listFaults(s.a.id)).map((f: { call: string }) => f.call),
      ['zak:property/fetch_rooms'],
    );
    await addFault(s.a.id, { call: 'zak:reservations/fetch_today_reservations', latency_ms: 300 });
    const start = Date.now();
    const slow = await s.zak(s.a, 'reservations/fetch_today_reservations');
    assert.equal(slow.status, 200);
    assert.ok(Date.now() - start >= 290, `took ${Date.now() - start} ms`);
  });

  it('drops the connection with reset: true', async () => {
    await addFault(s.a.id, { call: 'zak:property/fetch_room_types', reset: true });
    await assert.rejects(
      postForm(`${s.server.base}/kp/property/fetch_room_types`, {}, { 'x-api-key': s.a.key }),
      /fetch failed/,
    );
    assert.equal((await s.zak(s.b, 'property/fetch_room_types')).status, 200);
  });

  it("removes one rule by id; another tenant's rule id is a 404", async () => {
    const rule = (await addFault(s.a.id, { call: 'zak:property/fetch_room_types', status: 503 })).body;
    const wrong = await s.admin.call('DELETE', '/tenants/{tenant}/faults/{id}', {
      params: { tenant: s.b.id, id: rule.id },
    });
    assert.equal(wrong.status, 404);
    const gone = await s.admin.call('DELETE', '/tenants/{tenant}/faults/{id}', {
      params: { tenant: s.a.id, id: rule.id },
    });
    assert.equal(gone.status, 204);
    assert.equal((await s.zak(s.a, 'property/fetch_room_types')).status, 200);
  });

  it('refuses every bad rule with a 400 problem and adds nothing', async () => {
    const bad = [
      { call: 'zak:reservations/nope', status: 503 },
      { call: 'reservations/new', status: 503 },
      { status: 503 },
      { call: '*', status: 99 },
      { call: '*', status: 600 },
      { call: '*', status: 503, probability: 1.5 },
      { call: '*', status: 503, probability: -0.1 },
      { call: '*', status: 503, latency_ms: 60_001 },
      { call: '*', status: 503, times: 0 },
      { call: '*', status: 503, colour: 'red' },
      { call: '*' },
    ];
    for (const body of bad) {
      const r = await addFault(s.a.id, body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    }
    assert.deepEqual(await listFaults(s.a.id), []);
    assert.equal((await addFault(999_999, { call: '*', status: 503 })).status, 404);
  });

  it('applies a rule added on one node on another node over the same store within a second', async () => {
    const node = await secondNode(s.server);
    try {
      const fetchOn = () =>
        postForm(`${node.base}/kp/property/fetch_room_types`, {}, { 'x-api-key': s.a.key });
      assert.equal((await fetchOn()).status, 200);
      await addFault(s.a.id, { call: 'zak:property/fetch_room_types', status: 503 });
      // At once on the node that took the change…
      assert.equal((await s.zak(s.a, 'property/fetch_room_types')).status, 503);
      // …and within the documented bound on the other.
      const start = Date.now();
      await until(async () => (await fetchOn()).status === 503, 2000);
      assert.ok(Date.now() - start <= 1500);
    } finally {
      await node.close();
    }
  });
});
