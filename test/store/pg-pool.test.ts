import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createOwner } from '../../src/core/owners.ts';
import {
  countRows,
  postForm,
  postJson,
  startServer,
  tenantWithKey,
  type TestServer,
  type TestTenant,
} from '../helper.ts';
import { zakClient } from '../dialects/zak/client.ts';
import { validCustomer } from '../dialects/netstorming/helper.ts';
import { serve } from '../processes.ts';
import { tcpProxy } from '../ops/tcp-proxy.ts';

const postgres = process.env.TEST_DATABASE_URL;

/** A connection of the test's own to the server's database, to make it misbehave. */
async function admin(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Ends every session of the database but `keep` (the way a restart or failover ends them). */
async function terminateAll(client: pg.Client, keep: number): Promise<number> {
  const { rows } = await client.query(
    `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> $1`,
    [keep],
  );
  return rows.length;
}

describe('PostgreSQL: the database drops its connections', { skip: !postgres }, () => {
  let server: TestServer;
  let tenant: TestTenant;
  let db: pg.Client;
  let self: number;

  // Each test its own server and database: the first drop of its connections is the one under test.
  beforeEach(async () => {
    server = await startServer({ PASSWORD_SCRYPT_N: '1024' });
    tenant = await tenantWithKey(server.db);
    await createOwner(server.db, tenant.id, { code: 'netstorming' });
    db = await admin(server.store.url);
    self = (await db.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  });
  afterEach(async () => {
    await db.end();
    await server.close();
  });

  const zak = () => zakClient(server.base, tenant.key);
  const virtpos = (query: Record<string, string>) =>
    postForm<Record<string, unknown>>(
      `${server.base}/api/customer/update?${new URLSearchParams({ apikey: tenant.key, format: 'json', ...query })}`,
      {},
    );

  it('keeps serving as a process: the broken connections are dropped, the next calls succeed', async () => {
    // A real `clientele serve`: an unhandled pool error would end this process, not just fail a call.
    const node = await serve(server.store.url);
    try {
      const call = zakClient(node.base, tenant.key);
      const first = await call('customers/add_one', { custdata: { name: 'A', surname: 'B' } });
      assert.equal(first.status, 200, first.text);
      assert.ok((await terminateAll(db, self)) > 0, 'the servers had connections to end');
      await sleep(300);
      assert.equal(node.child.exitCode, null, 'the process is still running');
      assert.equal(node.child.signalCode, null);
      const again = await call('customers/add_one', { custdata: { name: 'C', surname: 'D' } });
      assert.equal(again.status, 200, again.text);
    } finally {
      await node.stop();
    }
  });

  /** Runs `call` while another session holds the tables, and ends the sessions once the call waits on them. */
  async function cutMidway<T>(call: () => Promise<T>): Promise<T> {
    await db.query('BEGIN');
    try {
      await db.query('LOCK TABLE customers, agencies IN ACCESS EXCLUSIVE MODE');
      let settled: unknown;
      const inFlight = call().then(
        (reply) => (settled = reply),
        (error: unknown) => (settled = error),
      );
      let waiting = 0;
      for (let i = 0; i < 1500 && waiting === 0 && settled === undefined; i++) {
        await sleep(20);
        // Inside a transaction pg_stat_activity is a snapshot taken at its first read: take a new one each time.
        await db.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        waiting = rows[0].n;
      }
      assert.equal(waiting, 1, `the call waits on the lock (it answered: ${JSON.stringify(settled)})`);
      await terminateAll(db, self);
      return (await inFlight) as T;
    } finally {
      await db.query('ROLLBACK').catch(() => {});
    }
  }

  it('answers a Zak call in flight 503 {"error"}', { timeout: 60_000 }, async () => {
    const reply = await cutMidway(() =>
      zak()<{ error?: string }>('customers/add_one', { custdata: { name: 'E', surname: 'F' } }),
    );
    assert.equal(reply.status, 503, reply.text);
    assert.deepEqual(reply.body, { error: 'service unavailable, try again later' });
  });

  it('answers a virtpos call in flight 503 with success 0', { timeout: 60_000 }, async () => {
    const query = { external_id: 'FLIGHT', create_if_not_exist: '1', fname: 'G', lname: 'H' };
    const reply = await cutMidway(() => virtpos(query));
    assert.equal(reply.status, 503, reply.text);
    assert.deepEqual(reply.body, { success: 0, info: 'Сервис временно недоступен, повторите запрос позже' });
    const again = await virtpos(query);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.body.success, 1);
  });

  it('answers a Netstorming call in flight 503 in its request-level shape', { timeout: 60_000 }, async () => {
    const reply = await cutMidway(() =>
      postJson(`${server.base}/api/customers/insert`, {
        key: tenant.key,
        owner_code: 'netstorming',
        customers: [validCustomer(1)],
      }),
    );
    assert.equal(reply.status, 503, reply.text);
    assert.deepEqual(reply.body, {
      dry_run: false,
      results: [],
      errors: [{ 'line/index': 0, errors: ['service unavailable, try again later'] }],
    });
  });
});

describe('PostgreSQL: the database accepts connections but does not answer', { skip: !postgres }, () => {
  it(
    'answers a call 503 within seconds instead of holding it, and serves again',
    { timeout: 90_000 },
    async () => {
      const server = await startServer();
      const tenant = await tenantWithKey(server.db);
      // A relay in front of the database that can hang: connections accepted, nothing relayed (a hung host, a
      // network partition behind a proxy), the way no refusal ever comes.
      const proxy = await tcpProxy(server.store.url);
      const node = await serve(proxy.via(server.store.url));
      try {
        const call = zakClient(node.base, tenant.key);
        assert.equal(
          (await call('customers/add_one', { custdata: { name: 'A', surname: 'B' } })).status,
          200,
        );
        proxy.hang();
        // The pool drops the connections the relay cut: the call needs a new one, which never completes.
        await sleep(300);
        const started = Date.now();
        const reply = await call<{ error?: string }>('customers/fetch_one', { id: '1' });
        const waited = Date.now() - started;
        assert.equal(reply.status, 503, reply.text);
        assert.deepEqual(reply.body, { error: 'service unavailable, try again later' });
        assert.ok(waited < 15_000, `answered after ${waited} ms`);
        await proxy.stop();
        await proxy.start();
        const again = await call('customers/fetch_one', { id: '1' });
        assert.equal(again.status, 200, again.text);
      } finally {
        await node.stop();
        await proxy.stop();
        await server.close();
      }
    },
  );
});

describe('PostgreSQL: a connection that stops answering after it was opened', { skip: !postgres }, () => {
  it(
    'answers a read and a write 503 after QUERY_TIMEOUT_MS, drops the connection, and serves again',
    { timeout: 90_000 },
    async () => {
      const server = await startServer();
      const tenant = await tenantWithKey(server.db);
      // A partition after the pool opened its connections: they stay open, and nothing sent gets through.
      const proxy = await tcpProxy(server.store.url);
      const node = await serve(proxy.via(server.store.url), { QUERY_TIMEOUT_MS: '2000', LOG_LEVEL: 'warn' });
      try {
        const call = zakClient(node.base, tenant.key);
        const made = await call<{ data: number }>('customers/add_one', {
          custdata: { name: 'A', surname: 'B' },
        });
        assert.equal(made.status, 200, made.text);
        const read = { id: String(made.body.data) };
        assert.equal((await call('customers/fetch_one', read)).status, 200);
        proxy.stall();
        // A read (a prepared statement, pg's pool.query) and a write (a Kysely transaction).
        const calls: [string, Record<string, string | object>][] = [
          ['customers/fetch_one', read],
          ['customers/add_one', { custdata: { name: 'C', surname: 'D' } }],
        ];
        for (const [path, fields] of calls) {
          const started = Date.now();
          const reply = await call<{ error?: string }>(path, fields);
          const waited = Date.now() - started;
          assert.equal(reply.status, 503, `${path}: ${reply.text}`);
          assert.deepEqual(reply.body, { error: 'service unavailable, try again later' });
          assert.ok(waited >= 1900 && waited < 10_000, `${path} answered after ${waited} ms`);
        }
        assert.match(node.output(), /PostgreSQL did not answer a query within 2000 ms/);
        proxy.flow();
        // What was sent during the stall is lost: a connection kept by the pool would wait for an answer to a query
        // the server never got. Each call, and a burst of them using every connection of the pool, is served.
        for (let i = 0; i < 3; i++) assert.equal((await call('customers/fetch_one', read)).status, 200);
        const burst = await Promise.all(Array.from({ length: 20 }, () => call('customers/fetch_one', read)));
        assert.deepEqual(
          burst.map((r) => r.status),
          Array(20).fill(200),
        );
        const written = await call('customers/add_one', { custdata: { name: 'E', surname: 'F' } });
        assert.equal(written.status, 200, written.text);
        // The write refused during the stall left nothing behind.
        assert.equal(await countRows(server.db, 'customers'), 2);
      } finally {
        await node.stop();
        await proxy.stop();
        await server.close();
      }
    },
  );
});
