import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countRows, startServer, tenantWithKey, type TestServer, type TestTenant } from '../helper.ts';
import { parseRaw, rawExchange } from './raw.ts';

describe('REQUEST_TIMEOUT_MS: a client that stalls', () => {
  let server: TestServer;
  let tenant: TestTenant;

  before(async () => {
    server = await startServer({ REQUEST_TIMEOUT_MS: '500' });
    tenant = await tenantWithKey(server.db);
  });
  after(() => server.close());

  it('a body that stops short gets 408 in Zak shape and the connection closed', async () => {
    const body = 'custdata=';
    const { text } = await rawExchange(
      server.base,
      `POST /kp/customers/add_one HTTP/1.1\r\nHost: x\r\nx-api-key: ${tenant.key}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n${body}`,
    );
    const reply = parseRaw(text);
    assert.equal(reply.status, 408, text);
    assert.equal(reply.headers.connection, 'close');
    assert.deepEqual(JSON.parse(reply.body), { error: 'request timeout' });
    assert.equal(await countRows(server.db, 'customers'), 0);
  });

  it('headers that never end get 408 and the connection closed', async () => {
    const { text } = await rawExchange(
      server.base,
      `GET /kp/customers/fetch_one?id=1 HTTP/1.1\r\nHost: x\r\n`,
    );
    const reply = parseRaw(text);
    assert.equal(reply.status, 408, text);
    assert.equal(reply.headers.connection, 'close');
    // Until its headers are complete node holds no request to read the path from: the server's own shape.
    assert.deepEqual(JSON.parse(reply.body), { error: 'request timeout' });
  });

  it('a stalled virtpos body gets 408 with success 0 in the format asked for', async () => {
    const { text } = await rawExchange(
      server.base,
      `POST /api/customer/update?apikey=${tenant.key}&format=json HTTP/1.1\r\nHost: x\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 50\r\n\r\nfname=Iv`,
    );
    const reply = parseRaw(text);
    assert.equal(reply.status, 408, text);
    assert.equal(reply.headers.connection, 'close');
    assert.deepEqual(JSON.parse(reply.body), { success: 0, info: 'Истекло время ожидания запроса' });
  });
});
