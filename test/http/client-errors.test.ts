import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from '../helper.ts';
import { parseRaw, rawExchange } from './raw.ts';

const LONG = 'a'.repeat(17 * 1024);

describe("what node's HTTP parser refuses", () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  const exchange = async (request: string) => {
    const { text } = await rawExchange(server.base, request);
    const reply = parseRaw(text);
    assert.equal(reply.headers.connection, 'close', text);
    return reply;
  };

  it('a Zak URL over 16 KB: 431 {"error"}', async () => {
    const reply = await exchange(`GET /kp/customers/fetch_one?id=1&x=${LONG} HTTP/1.1\r\nHost: x\r\n\r\n`);
    assert.equal(reply.status, 431);
    assert.deepEqual(JSON.parse(reply.body), { error: 'request headers too large' });
  });

  it('a virtpos URL over 16 KB: 431 with success 0, in the format asked for', async () => {
    const json = await exchange(`GET /api/customer?format=json&x=${LONG} HTTP/1.1\r\nHost: x\r\n\r\n`);
    assert.equal(json.status, 431);
    assert.deepEqual(JSON.parse(json.body), { success: 0, info: 'Слишком большой запрос' });
    const xml = await exchange(`GET /api/customer/update?x=${LONG} HTTP/1.1\r\nHost: x\r\n\r\n`);
    assert.equal(xml.status, 431);
    assert.match(xml.headers['content-type'] ?? '', /text\/xml/);
    assert.match(xml.body, /<success>0<\/success>/);
  });

  it('Netstorming headers over 16 KB: 431 in the call shape', async () => {
    const reply = await exchange(`POST /api/customers/enable HTTP/1.1\r\nHost: x\r\nX-Big: ${LONG}\r\n\r\n`);
    assert.equal(reply.status, 431);
    assert.deepEqual(JSON.parse(reply.body), {
      results: {},
      errors: [{ 'line/index': 0, errors: ['request headers too large'] }],
    });
  });

  it('broken framing: 400 in the dialect of the path', async () => {
    const reply = await exchange(
      `POST /kp/customers/add_one HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n`,
    );
    assert.equal(reply.status, 400);
    assert.deepEqual(JSON.parse(reply.body), { error: 'malformed request' });
    const insert = await exchange(
      `POST /api/customers/insert HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    assert.equal(insert.status, 400);
    assert.deepEqual(JSON.parse(insert.body), {
      dry_run: false,
      results: [],
      errors: [{ 'line/index': 0, errors: ['malformed request'] }],
    });
  });

  it('HEAD gets the status and headers, no body', async () => {
    const reply = await exchange(`HEAD /kp/customers/fetch_one?x=${LONG} HTTP/1.1\r\nHost: x\r\n\r\n`);
    assert.equal(reply.status, 431);
    assert.equal(reply.body, '');
  });
});
