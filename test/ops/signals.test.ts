import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { freshStore, tenantWithKey, type TestStore, type TestTenant } from '../helper.ts';
import { serve, type Served } from '../processes.ts';

/** Whether something accepts connections at `base` right now. */
function accepting(base: string): Promise<boolean> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until nothing accepts at `base` (generous deadline: the machine may be slow). */
async function refusing(base: string): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (!(await accepting(base))) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/**
 * A request in flight: headers sent with `Expect: 100-continue` and half of its body. Resolves once the server
 * answered `100 Continue`, so it has surely begun the request; `finish` sends the rest and resolves with
 * everything the server wrote until it closed the connection.
 */
async function inFlight(base: string, key: string): Promise<{ socket: Socket; finish(): Promise<string> }> {
  const { hostname, port } = new URL(base);
  const body = `custdata=${encodeURIComponent('{"name": "Late", "surname": "Request"}')}`;
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString('utf8')));
  socket.on('error', () => {});
  const closed = once(socket, 'close');
  socket.write(
    'POST /kp/customers/add_one HTTP/1.1\r\nHost: x\r\nConnection: close\r\nExpect: 100-continue\r\n' +
      `x-api-key: ${key}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n` +
      body.slice(0, 10),
  );
  for (let i = 0; i < 400 && !received.includes('100 Continue'); i++)
    await new Promise((r) => setTimeout(r, 25));
  assert.match(received, /^HTTP\/1\.1 100 Continue/);
  return {
    socket,
    finish: async () => {
      socket.write(body.slice(10));
      await closed;
      return received;
    },
  };
}

const exited = (server: Served) =>
  server.child.exitCode !== null
    ? Promise.resolve(server.child.exitCode)
    : once(server.child, 'exit').then(([code]) => code);

describe('stopping on a signal', () => {
  let store: TestStore;
  let tenant: TestTenant;
  before(async () => {
    store = await freshStore();
    tenant = await tenantWithKey(store.db);
  });
  after(() => store.drop());

  it("SIGTERM to `npm start`'s process reaches the server, which frees its port and exits", async () => {
    const server = await serve(store.url, { LOG_LEVEL: 'info', npm_config_update_notifier: 'false' }, [
      'npm',
      'start',
    ]);
    assert.ok(await accepting(server.base));
    server.child.kill('SIGTERM');
    assert.equal(await exited(server), 0, server.errors());
    assert.ok(await refusing(server.base), 'the port is free again');
    assert.match(server.output(), /"msg":"clientele stopping"/);
  });

  it('stops accepting at once, lets the request in flight finish, closes the store and exits 0', async () => {
    const server = await serve(store.url, { LOG_LEVEL: 'info' });
    const request = await inFlight(server.base, tenant.key);
    server.child.kill('SIGTERM');
    assert.ok(await refusing(server.base), 'no new connection is accepted while the request runs');
    const answer = await request.finish();
    assert.match(answer, /\r\n\r\nHTTP\/1\.1 200 OK\r\n/, answer);
    assert.match(answer, /\{"data":\d+\}$/);
    assert.equal(await exited(server), 0);
    const log = server
      .output()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; signal?: string });
    const stopping = log.filter((l) => l.msg === 'clientele stopping');
    assert.deepEqual(
      stopping.map((l) => l.signal),
      ['SIGTERM'],
      'one line at stop',
    );
    assert.ok(
      log.indexOf(stopping[0]!) < log.findIndex((l) => l.msg === 'request'),
      'the request ended after it',
    );
  });

  it('cuts a request still running after SHUTDOWN_TIMEOUT_MS, says so, and exits 0', async () => {
    const server = await serve(store.url, { LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '300' });
    const request = await inFlight(server.base, tenant.key);
    const closed = once(request.socket, 'close');
    server.child.kill('SIGINT');
    assert.equal(await exited(server), 0);
    await closed;
    assert.ok(await refusing(server.base));
    assert.match(
      server.output(),
      /"shutdownTimeoutMs":300,"msg":"requests still running after SHUTDOWN_TIMEOUT_MS/,
    );
  });
});
