import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.ts';
import { buildServer } from '../../src/server.ts';
import { openDb } from '../../src/store/db.ts';
import { freshStore, get, startServer, type Reply, type TestServer } from '../helper.ts';
import { tcpProxy } from './tcp-proxy.ts';
import type { AddressInfo } from 'node:net';

type Probe = { status: string; reason?: string };

/** Polls `url` until its status is `status` and its reason matches (generous deadline); returns that reply. */
async function until(url: string, status: number, reason = /./) {
  const wanted = (r: Reply<Probe>) =>
    r.status === status && (status === 200 || reason.test(r.body.reason ?? ''));
  let reply = await get<Probe>(url);
  for (let i = 0; i < 150 && !wanted(reply); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    reply = await get<Probe>(url);
  }
  return reply;
}

describe('/health and /ready', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  it('/health says the process is up; /ready that the store answers with this schema', async () => {
    const health = await get<Probe>(`${server.base}/health`);
    assert.deepEqual([health.status, health.body], [200, { status: 'ok' }]);
    const ready = await get<Probe>(`${server.base}/ready`);
    assert.deepEqual([ready.status, ready.body], [200, { status: 'ready' }]);
  });

  it('/ready is 503 with the reason while a migration is not applied, or the schema is newer', async () => {
    await sql`delete from kysely_migration where name = '045_rates'`.execute(server.db);
    const pending = await get<Probe>(`${server.base}/ready`);
    assert.deepEqual(
      [pending.status, pending.body],
      [503, { status: 'unavailable', reason: 'migrations not applied: 045_rates' }],
    );
    assert.equal((await get(`${server.base}/health`)).status, 200, 'the process itself is fine');
    await sql`insert into kysely_migration (name, timestamp) values ('045_rates', 'x'), ('990_future', 'x')`.execute(
      server.db,
    );
    const newer = await get<Probe>(`${server.base}/ready`);
    assert.deepEqual(
      [newer.status, newer.body],
      [503, { status: 'unavailable', reason: "the store's schema is newer than this version: 990_future" }],
    );
    await sql`delete from kysely_migration where name = '990_future'`.execute(server.db);
    assert.equal((await get(`${server.base}/ready`)).status, 200);
  });
});

describe(
  '/ready when PostgreSQL goes away',
  { skip: !process.env.TEST_DATABASE_URL && 'PostgreSQL only' },
  () => {
    it('is 503 while PostgreSQL is stopped or does not answer within 1 s, and 200 once it is back', async () => {
      const store = await freshStore();
      const proxy = await tcpProxy(store.url);
      const db = openDb(proxy.via(store.url));
      const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: proxy.via(store.url), PORT: '0' });
      const app = await buildServer({ config, db });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const ready = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/ready`;
      try {
        assert.equal((await get(ready)).status, 200);

        await proxy.stop();
        const stopped = await until(ready, 503);
        assert.equal(stopped.status, 503);
        assert.match(stopped.body.reason ?? '', /^the store did not answer: .*ECONNREFUSED/);
        await proxy.start();
        assert.equal((await until(ready, 200)).status, 200, 'ready again once PostgreSQL is back');

        proxy.hang();
        const hung = await until(ready, 503, /within 1 s/);
        assert.deepEqual(hung.body, { status: 'unavailable', reason: 'the store did not answer within 1 s' });
        await proxy.stop();
        await proxy.start();
        assert.equal((await until(ready, 200)).status, 200);
      } finally {
        await app.close();
        await proxy.stop();
        await db.destroy();
        await store.drop();
      }
    });
  },
);
