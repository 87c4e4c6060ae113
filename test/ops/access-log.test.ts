import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { importInventory, validateInventory } from '../../src/core/inventory.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';
import {
  freshStore,
  get,
  postForm,
  postJson,
  tenantWithKey,
  type Reply,
  type TestStore,
  type TestTenant,
} from '../helper.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { parseRaw, rawExchange } from '../http/raw.ts';
import { loggedServer, requestLines, type LoggedServer, type LogLine } from './log-capture.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Waits until the server has logged `count` request lines (a line is written once the reply is sent). */
async function logged(server: LoggedServer, count: number): Promise<LogLine[]> {
  for (let i = 0; i < 250 && requestLines(server.lines).length < count; i++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return requestLines(server.lines);
}

describe('the access log', () => {
  let store: TestStore;
  let tenant: TestTenant;
  let server: LoggedServer;
  const replies: Reply[] = [];
  // What no line may hold: the key, a password, a document number, a phone and a body's text.
  const secrets = {
    password: 'Pa55-Secret-77',
    document: 'DOCSECRET123',
    phone: '9995550142',
    body: 'Zanzibarova',
  };

  before(async () => {
    store = await freshStore();
    tenant = await tenantWithKey(store.db);
    await importInventory(
      store.db,
      tenant.id,
      validateInventory({ ...(readDemoInventory() as object), prefix: 'TH' }),
    );
    server = await loggedServer(store, { BODY_LIMIT: '2048' });
    const zak = (call: string, fields: Record<string, string>, key = tenant.key) =>
      postForm(`${server.base}/kp/${call}`, fields, key ? { 'x-api-key': key } : {});
    const booking = JSON.stringify({
      arrival: '20/01/2030',
      departure: '23/01/2030',
      customer: { name: 'Anna', surname: secrets.body },
      rooms: [{ room: 2, room_type: 1 }],
    });
    replies.push(
      await zak('customers/add_one', { custdata: JSON.stringify({ name: 'Ada', surname: secrets.body }) }),
      await zak('customers/upload_docdata', {
        id: '1',
        docdata: JSON.stringify({
          doc_type: 'p',
          doc_country: 'Italy',
          doc_number: secrets.document,
          doc_issue: '01/01/2010',
          doc_expiry: '01/01/2030',
        }),
      }),
      await zak('customers/fetch_one', { id: '1' }, ''),
      await zak('reservations/new', { params: booking }),
      await zak('reservations/new', { params: booking }),
      await zak('customers/add_one', { custdata: 'x'.repeat(4096) }),
      await get(`${server.base}/no/such/path`),
      await get(
        `${server.base}/api/customer/update?apikey=${tenant.key}&format=json&create_if_not_exist=1&external_id=E1&phone=${secrets.phone}`,
      ),
      await postJson(`${server.base}/api/customers/insert`, {
        key: tenant.key,
        owner_code: 'nobody',
        dry_run: true,
        customers: [{ code: 'c1', admin_user_psw: secrets.password }],
      }),
    );
  });
  after(async () => {
    await server.close();
    await store.drop();
  });

  it('writes one line per request, with its method, path, dialect, call, status, duration, id and tenant', async () => {
    const lines = await logged(server, replies.length);
    assert.equal(lines.length, replies.length);
    assert.deepEqual(
      lines.map((l) => [l.method, l.path, l.dialect, l.call, l.status, l.tenantId]),
      [
        ['POST', '/kp/customers/add_one', 'zak', 'customers/add_one', 200, tenant.id],
        ['POST', '/kp/customers/upload_docdata', 'zak', 'customers/upload_docdata', 200, tenant.id],
        ['POST', '/kp/customers/fetch_one', 'zak', 'customers/fetch_one', 401, undefined],
        ['POST', '/kp/reservations/new', 'zak', 'reservations/new', 200, tenant.id],
        ['POST', '/kp/reservations/new', 'zak', 'reservations/new', 409, tenant.id],
        ['POST', '/kp/customers/add_one', 'zak', 'customers/add_one', 413, undefined],
        ['GET', '/no/such/path', 'none', 'none', 404, undefined],
        ['GET', '/api/customer/update', 'virtpos', 'update', 200, tenant.id],
        // An unknown owner: the key was good, the call refused.
        ['POST', '/api/customers/insert', 'netstorming', 'insert', 403, tenant.id],
      ],
    );
    assert.deepEqual(
      lines.map((l) => l.status),
      replies.map((r) => r.status),
      'each line has the status its reply had',
    );
    for (const [i, line] of lines.entries()) {
      assert.equal(line.level, 30, 'at info');
      assert.equal(typeof line.durationMs, 'number');
      assert.ok((line.durationMs as number) >= 0);
      assert.equal(line.reqId, replies[i]!.headers.get('x-request-id'), 'the id the reply carried');
      assert.match(line.reqId as string, UUID);
    }
  });

  it('never holds a key, a password, a document number, a phone or a body', async () => {
    await logged(server, replies.length);
    const text = server.text();
    assert.ok(!text.includes(tenant.key) && !text.includes(tenant.key.slice(3, 20)), 'no key nor part of it');
    for (const [what, secret] of Object.entries(secrets)) assert.ok(!text.includes(secret), `no ${what}`);
    const fields = [
      'call',
      'dialect',
      'durationMs',
      'hostname',
      'level',
      'method',
      'msg',
      'path',
      'pid',
      'reqId',
    ];
    for (const line of requestLines(server.lines)) {
      const expected = [...fields, 'status', ...(line.tenantId === undefined ? [] : ['tenantId']), 'time'];
      assert.deepEqual(Object.keys(line).sort(), expected, 'these fields and no other');
    }
  });

  it('names the request in every line it causes: a failure and its access line share the id', async () => {
    await sql`ALTER TABLE customers RENAME TO customers_away`.execute(store.db);
    let reply: Reply;
    try {
      reply = await postForm(
        `${server.base}/kp/customers/fetch_one`,
        { id: '1' },
        { 'x-api-key': tenant.key, 'x-request-id': 'trace-4711' },
      );
    } finally {
      await sql`ALTER TABLE customers_away RENAME TO customers`.execute(store.db);
    }
    assert.equal(reply.status, 500);
    assert.equal(reply.headers.get('x-request-id'), 'trace-4711');
    await logged(server, replies.length + 1);
    const mine = server.lines.filter((l) => JSON.stringify(l).includes('trace-4711'));
    assert.deepEqual(
      mine.map((l) => [l.msg, l.reqId]),
      [
        ['internal error', 'trace-4711'],
        ['request', 'trace-4711'],
      ],
    );
  });
});

describe('request ids', () => {
  let store: TestStore;
  let server: LoggedServer;
  before(async () => {
    store = await freshStore();
    server = await loggedServer(store, { ACCESS_LOG: '0' });
  });
  after(async () => {
    await server.close();
    await store.drop();
  });

  it("keeps a caller's well-formed x-request-id and returns it", async () => {
    for (const id of [
      'abc-123',
      'f47ac10b-58cc-4372-a567-0e02b2c3d479',
      'a'.repeat(128),
      'trace:1/2+3=4@x.y_z',
    ]) {
      const reply = await get(`${server.base}/health`, { 'x-request-id': id });
      assert.equal(reply.headers.get('x-request-id'), id);
    }
  });

  it('replaces an unacceptable one (too long, spaces, quotes) with its own', async () => {
    for (const id of ['a'.repeat(129), 'two words', '"quoted"', 'line\tbreak', '']) {
      const reply = await get(`${server.base}/health`, { 'x-request-id': id });
      assert.match(reply.headers.get('x-request-id') ?? '', UUID, JSON.stringify(id));
    }
  });

  it('returns an id on every reply: errors, a body too large, a request the HTTP parser refused', async () => {
    const ids = new Set<string>();
    for (const reply of [
      await get(`${server.base}/kp/customers/fetch_one`),
      await get(`${server.base}/nowhere`),
      await postForm(`${server.base}/kp/customers/add_one`, { custdata: 'x'.repeat(2 * 1024 * 1024) }),
    ]) {
      assert.ok(reply.status >= 400, String(reply.status));
      ids.add(reply.headers.get('x-request-id') ?? '');
    }
    const refused = parseRaw(
      (
        await rawExchange(
          server.base,
          `GET /kp/x HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
        )
      ).text,
    );
    assert.equal(refused.status, 431);
    ids.add(refused.headers['x-request-id'] ?? '');
    assert.equal(ids.size, 4, 'one id each');
    for (const id of ids) assert.match(id, UUID);
  });

  it('with ACCESS_LOG=0 writes no access line', async () => {
    await get(`${server.base}/kp/customers/fetch_one`);
    assert.equal(requestLines(server.lines).length, 0);
  });
});

describe('a failure while observing a request', () => {
  it('is logged, and the server goes on answering', async () => {
    const store = await freshStore();
    // Metrics that fail on every request they are told of: the observer runs where nothing else would catch it.
    const metrics = createMetrics();
    metrics.observeRequest = () => {
      throw new Error('metrics broke');
    };
    const server = await loggedServer(store, {}, metrics);
    try {
      for (let i = 0; i < 2; i++)
        assert.equal((await get(`${server.base}/kp/customers/fetch_one`)).status, 401);
      for (let i = 0; i < 250 && server.lines.filter(failed).length < 2; i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      const failures = server.lines.filter(failed);
      assert.equal(failures.length, 2);
      assert.equal((failures[0]!.err as { message: string }).message, 'metrics broke');
    } finally {
      await server.close();
      await store.drop();
    }
  });
});

const failed = (line: LogLine) => line.msg === 'observing a request failed';
