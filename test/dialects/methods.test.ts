import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOwner } from '../../src/core/owners.ts';
import { countRows, startServer, tenantWithKey, type TestServer, type TestTenant } from '../helper.ts';

let server: TestServer;
let tenant: TestTenant;

before(async () => {
  server = await startServer();
  tenant = await tenantWithKey(server.db);
  await createOwner(server.db, tenant.id, { code: 'netstorming' });
});
after(() => server.close());

interface Answer {
  status: number;
  allow: string | null;
  type: string;
  text: string;
  body: unknown;
}

async function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  const reply = await fetch(`${server.base}${path}`, { method, headers, body });
  const text = await reply.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // XML: the test reads `text`.
  }
  const type = reply.headers.get('content-type') ?? '';
  return { status: reply.status, allow: reply.headers.get('allow'), type, text, body: parsed };
}

/** Everything a write could have left behind. */
const written = async () =>
  (await countRows(server.db, 'customers')) +
  (await countRows(server.db, 'discount_cards')) +
  (await countRows(server.db, 'agencies')) +
  (await countRows(server.db, 'reservation_notes')) +
  (await countRows(server.db, 'reservation_payments'));

const SECRET = 'ck_secret_in_the_query';
const OTHER_METHODS = ['PUT', 'DELETE', 'PATCH', 'OPTIONS'];

describe('Zak: a method a call does not serve', () => {
  it('is 405 with Allow and {"error"}, for a read and a write, under /kp/ and /kapi/', async () => {
    const custdata = encodeURIComponent(JSON.stringify({ name: 'Mario', surname: 'Rossi' }));
    const calls: Array<[string, string]> = [
      ['/kp/customers/fetch_one?id=1', 'GET, HEAD, POST'],
      [`/kp/customers/add_one?custdata=${custdata}`, 'GET, POST'],
      ['/kp/reservations/do_checkin?id=1', 'GET, POST'],
      ['/kapi/test', 'GET, HEAD, POST'],
      ['/kapi/notes/create_note?rcode=1&new_note=x', 'GET, POST'],
    ];
    for (const [path, allow] of calls) {
      for (const method of OTHER_METHODS) {
        const reply = await send(method, path, { 'x-api-key': tenant.key });
        assert.deepEqual(
          [reply.status, reply.allow, reply.body],
          [405, allow, { error: 'method not allowed' }],
          `${method} ${path}`,
        );
        assert.match(reply.type, /^application\/json/);
      }
    }
    assert.equal(await written(), 0);
  });

  it('is 405 before the key and the body are read, as HEAD on a write is', async () => {
    const noKey = await send('PUT', '/kp/customers/fetch_one?id=1');
    assert.deepEqual([noKey.status, noKey.body], [405, { error: 'method not allowed' }]);
    const headers = { 'x-api-key': tenant.key, 'content-type': 'text/plain' };
    const unparsable = await send('PUT', '/kp/customers/add_one', headers, 'not a form');
    assert.deepEqual([unparsable.status, unparsable.body], [405, { error: 'method not allowed' }]);
  });
});

describe('Zak: a path that names no call', () => {
  it('is 404 "Wrong api name" at any depth and with any method', async () => {
    const paths: Array<[string, string, string]> = [
      ['PUT', '/kp/customers/nosuch', 'nosuch'],
      ['GET', '/kp/nosuch', 'nosuch'],
      ['POST', '/kp/customers/fetch_one/more', 'customers/fetch_one/more'],
      ['DELETE', '/kapi/nosuch', 'nosuch'],
      ['GET', '/kapi/notes/get_notes/more', 'notes/get_notes/more'],
    ];
    for (const [method, path, name] of paths) {
      const reply = await send(method, path, { 'x-api-key': tenant.key });
      assert.deepEqual(
        [reply.status, reply.body],
        [404, { error: `Wrong api name: ${name}` }],
        `${method} ${path}`,
      );
    }
  });

  it('checks the key first, as for GET and POST', async () => {
    for (const path of ['/kp/nosuch', '/kapi/notes/get_notes/more']) {
      const reply = await send('PUT', path, { 'x-api-key': 'ck_not-a-key' });
      assert.deepEqual([reply.status, reply.body], [401, { error: 'Authentication error' }], path);
    }
  });

  it('never repeats the query', async () => {
    const reply = await send('GET', `/kp/nosuch/at/all?apikey=${SECRET}`, { 'x-api-key': tenant.key });
    assert.deepEqual([reply.status, reply.body], [404, { error: 'Wrong api name: nosuch/at/all' }]);
    assert.doesNotMatch(reply.text, /secret/);
  });
});

describe('Netstorming: a method a call does not serve', () => {
  const shapes: Record<string, unknown> = {
    insert: { dry_run: false, results: [], errors: [{ 'line/index': 0, errors: ['method not allowed'] }] },
    enable: { results: {}, errors: [{ 'line/index': 0, errors: ['method not allowed'] }] },
    disable: { results: {}, errors: [{ 'line/index': 0, errors: ['method not allowed'] }] },
    setForeignCode: { success: false, errors: ['method not allowed'] },
  };

  it('is 405 Allow: POST in the call’s own failure shape, before the body is read', async () => {
    const body = JSON.stringify({
      key: tenant.key,
      owner_code: 'netstorming',
      customers: [{ code: 'AG0001' }],
    });
    for (const [name, shape] of Object.entries(shapes)) {
      for (const method of OTHER_METHODS) {
        for (const sent of [body, '{not json']) {
          const reply = await send(
            method,
            `/api/customers/${name}`,
            { 'content-type': 'application/json' },
            sent,
          );
          assert.deepEqual(
            [reply.status, reply.allow, reply.body],
            [405, 'POST', shape],
            `${method} ${name}`,
          );
        }
      }
    }
    assert.equal(await written(), 0);
  });
});

describe('Netstorming: a path that names no call', () => {
  const unknown = (name: string) => ({
    dry_run: false,
    results: [],
    errors: [{ 'line/index': 0, errors: [`unknown call: ${name}`] }],
  });

  it('is 404 in the request-level failure shape, with any method, before the key is read', async () => {
    const body = JSON.stringify({ key: tenant.key, owner_code: 'netstorming', dry_run: true, customers: [] });
    const paths: Array<[string, string, string]> = [
      ['POST', '/api/customers/delete', 'delete'],
      ['PUT', '/api/customers/Insert', 'Insert'],
      ['POST', '/api/customers/insert/more', 'insert/more'],
      ['POST', '/api/customers', ''],
    ];
    for (const [method, path, name] of paths) {
      for (const sent of [body, '{not json']) {
        const reply = await send(method, path, { 'content-type': 'application/json' }, sent);
        assert.deepEqual([reply.status, reply.body], [404, unknown(name)], `${method} ${path}`);
      }
    }
  });

  it('never repeats the query', async () => {
    const reply = await send('POST', `/api/customers/nosuch?apikey=${SECRET}`, {}, '{}');
    assert.deepEqual([reply.status, reply.body], [404, unknown('nosuch')]);
    assert.doesNotMatch(reply.text, /secret/);
  });
});

describe('virtpos: a method a call does not serve', () => {
  it('is 405 with Allow and success 0, in the requested format, writing nothing', async () => {
    const fields = 'create_if_not_exist=1&external_id=M1&fname=A&lname=B&uid=U1';
    const calls: Array<[string, string]> = [
      ['', 'GET, HEAD, POST'],
      ['/update', 'GET, POST'],
      ['/insertCard', 'GET, POST'],
      ['/UPDATECARD', 'GET, POST'],
      ['/deleteCard', 'GET, POST'],
    ];
    for (const [call, allow] of calls) {
      for (const method of OTHER_METHODS) {
        const path = `/api/customer${call}?apikey=${tenant.key}&format=json&${fields}`;
        const reply = await send(method, path);
        const expected = [405, allow, { success: 0, info: 'Метод HTTP не поддерживается' }];
        assert.deepEqual([reply.status, reply.allow, reply.body], expected, `${method} ${call}`);
        assert.match(reply.type, /^application\/json/);
      }
    }
    const xml = await send('DELETE', `/api/customer/deleteCard?apikey=${tenant.key}&uid=U1`);
    assert.deepEqual([xml.status, xml.allow], [405, 'GET, POST']);
    assert.match(xml.type, /^text\/xml/);
    assert.match(xml.text, /<success>0<\/success>\s*<info>Метод HTTP не поддерживается<\/info>/);
    assert.equal(await written(), 0);
  });

  it('is 405 before the key is read, as the method segment is checked before it', async () => {
    const reply = await send('PUT', '/api/customer/update?format=json');
    assert.deepEqual([reply.status, reply.body], [405, { success: 0, info: 'Метод HTTP не поддерживается' }]);
  });
});

describe('virtpos: a path that names no call', () => {
  it('is 404 "Неизвестный метод API" at any depth, with any method, before the key', async () => {
    for (const [method, path] of [
      ['PUT', '/api/customer/merge'],
      ['GET', '/api/customer/update/more'],
      ['POST', '/api/customer/update/more'],
      ['DELETE', '/api/customer/a/b/c'],
    ] as const) {
      for (const key of [tenant.key, 'ck_not-a-key']) {
        const reply = await send(method, `${path}?apikey=${key}&format=json`);
        assert.deepEqual(
          [reply.status, reply.body],
          [404, { success: 0, info: 'Неизвестный метод API' }],
          `${method} ${path}`,
        );
      }
    }
    const xml = await send('GET', `/api/customer/update/more?apikey=${tenant.key}`);
    assert.equal(xml.status, 404);
    assert.match(xml.text, /<success>0<\/success>\s*<info>Неизвестный метод API<\/info>/);
  });

  it('never repeats the query', async () => {
    for (const method of ['GET', 'PUT']) {
      const reply = await send(method, `/api/customer/update/more?apikey=${SECRET}&format=json`);
      assert.deepEqual([reply.status, reply.body], [404, { success: 0, info: 'Неизвестный метод API' }]);
      assert.doesNotMatch(reply.text, /secret/);
    }
  });
});

describe('the /api/ paths the two dialects share', () => {
  it('are Netstorming’s under /api/customers, virtpos’s under /api/customer, the server’s elsewhere', async () => {
    const netstorming = await send('PUT', '/api/customers/nosuch?format=json');
    assert.deepEqual(netstorming.body, {
      dry_run: false,
      results: [],
      errors: [{ 'line/index': 0, errors: ['unknown call: nosuch'] }],
    });
    const virtpos = await send('PUT', '/api/customer/nosuch?format=json');
    assert.deepEqual(virtpos.body, { success: 0, info: 'Неизвестный метод API' });
    for (const path of ['/api/customerx', '/api/nothing', '/api/customersx/insert']) {
      const plain = await send('PUT', `${path}?apikey=${SECRET}`);
      assert.deepEqual([plain.status, plain.body], [404, { error: `not found: ${path}` }], path);
    }
  });
});
