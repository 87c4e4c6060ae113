import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { get, postJson, startServer, tenantWithKey, type TestServer, type TestTenant } from '../helper.ts';

describe('a NUL character in a request (PostgreSQL cannot hold one in text)', () => {
  let server: TestServer;
  let tenant: TestTenant;
  before(async () => {
    server = await startServer();
    tenant = await tenantWithKey(server.db);
  });
  after(() => server.close());

  it('is a virtpos error in the requested format, HTTP 200', async () => {
    const r = await get(`${server.base}/api/customer?apikey=${tenant.key}&email=a%00b&format=json`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { success: 0, info: 'Некорректный запрос' });
  });

  it('is a Netstorming request-level error, HTTP 400 with line/index 0', async () => {
    const r = await postJson(`${server.base}/api/customers/insert`, {
      key: tenant.key,
      owner_code: 'own\u0000er',
      customers: [{ code: 'abc' }],
    });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, {
      dry_run: false,
      results: [],
      errors: [{ 'line/index': 0, errors: ['invalid parameter: NUL character in the request'] }],
    });
  });
});

describe('errors outside every dialect', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  it('keep their client status and message (a NUL on /health is 400, not 500)', async () => {
    const r = await get(`${server.base}/health?x=%00`);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { error: 'invalid parameter: NUL character in the request' });
  });

  it('answer an unknown path with 404', async () => {
    const r = await get(`${server.base}/nowhere`);
    assert.equal(r.status, 404);
    assert.deepEqual(r.body, { error: 'not found: /nowhere' });
  });

  it('name the path of an unknown one, never its query (where a virtpos client puts its apikey)', async () => {
    const r = await get(`${server.base}/nowhere/else?apikey=ck_secret_in_the_query`);
    assert.equal(r.status, 404);
    assert.deepEqual(r.body, { error: 'not found: /nowhere/else' });
  });
});
