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

const head = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.base}${path}`, { method: 'HEAD', headers });

/** Everything a write could have left behind. */
const written = async () =>
  (await countRows(server.db, 'customers')) +
  (await countRows(server.db, 'discount_cards')) +
  (await countRows(server.db, 'agencies')) +
  (await countRows(server.db, 'reservation_notes')) +
  (await countRows(server.db, 'reservation_payments'));

describe('HEAD on a Zak write', () => {
  it('answers 405 with Allow and writes nothing', async () => {
    const custdata = encodeURIComponent(JSON.stringify({ name: 'Mario', surname: 'Rossi' }));
    const kapi = ['/kapi/notes/create_note?rcode=1&text=x', '/kapi/payments/do_payment?rcode=1&value=10'];
    for (const path of [
      `/kp/customers/add_one?custdata=${custdata}`,
      '/kp/reservations/do_checkin?id=1',
      ...kapi,
    ]) {
      const reply = await head(path, { 'x-api-key': tenant.key });
      assert.equal(reply.status, 405, path);
      assert.equal(reply.headers.get('allow'), 'GET, POST');
      assert.match(reply.headers.get('content-type') ?? '', /application\/json/);
      assert.equal(await reply.text(), '');
    }
    assert.equal(await written(), 0);
  });

  it('a read answers HEAD as GET', async () => {
    for (const path of ['/kp/customers/fetch_one?id=1', '/kapi/notes/get_notes?rcode=1', '/kapi/test']) {
      const reply = await head(path, { 'x-api-key': tenant.key });
      const get = await fetch(`${server.base}${path}`, { headers: { 'x-api-key': tenant.key } });
      assert.equal(reply.status, get.status, path);
    }
  });
});

describe('HEAD on a virtpos write', () => {
  it('answers 405 with success 0 headers and writes nothing', async () => {
    const query = `apikey=${tenant.key}&format=json&create_if_not_exist=1&external_id=H1&fname=A&lname=B&uid=U1`;
    for (const method of ['update', 'insertCard', 'updateCard', 'deleteCard', 'UPDATE']) {
      const reply = await head(`/api/customer/${method}?${query}`);
      assert.equal(reply.status, 405, method);
      assert.equal(reply.headers.get('allow'), 'GET, POST');
      assert.match(reply.headers.get('content-type') ?? '', /application\/json/);
      assert.equal(await reply.text(), '');
    }
    assert.equal(await written(), 0);
  });

  it('the listing answers HEAD as GET', async () => {
    const reply = await head(`/api/customer?apikey=${tenant.key}&format=json`);
    assert.equal(reply.status, 200);
  });
});

describe('HEAD on a Netstorming call', () => {
  it('answers 405 with Allow: POST and writes nothing', async () => {
    for (const name of ['insert', 'enable', 'disable', 'setForeignCode']) {
      const reply = await head(`/api/customers/${name}`);
      assert.equal(reply.status, 405, name);
      assert.equal(reply.headers.get('allow'), 'POST');
      assert.equal(await reply.text(), '');
    }
    assert.equal(await written(), 0);
  });

  it('a GET (never served: every call is a POST) is 405 too, in the call’s own shape, not a bare 404', async () => {
    const shapes: Record<string, unknown> = {
      insert: { dry_run: false, results: [], errors: [{ 'line/index': 0, errors: ['method not allowed'] }] },
      enable: { results: {}, errors: [{ 'line/index': 0, errors: ['method not allowed'] }] },
      setForeignCode: { success: false, errors: ['method not allowed'] },
    };
    for (const [name, shape] of Object.entries(shapes)) {
      const reply = await fetch(
        `${server.base}/api/customers/${name}?key=${tenant.key}&owner_code=netstorming`,
      );
      assert.equal(reply.status, 405, name);
      assert.equal(reply.headers.get('allow'), 'POST');
      assert.deepEqual(await reply.json(), shape);
    }
  });
});
