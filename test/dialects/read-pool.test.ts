import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createReservation } from '../../src/core/booking.ts';
import { addDays, todayIn } from '../../src/core/dates.ts';
import { DomainError } from '../../src/core/errors.ts';
import { importInventory, validateInventory } from '../../src/core/inventory.ts';
import { loadConfig } from '../../src/config.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';
import { startReadPool, type ReadJob } from '../../src/dialects/read-pool.ts';
import { buildServer } from '../../src/server.ts';
import { freshStore, postForm, tenantWithKey, type TestStore, type TestTenant } from '../helper.ts';

const ENTRY = new URL('../fixtures/reads-that-crash.ts', import.meta.url);
const job = (call: string, params: Record<string, unknown> = {}): ReadJob => ({
  dialect: 'test',
  call,
  scope: { tenantId: 1, keyId: 1 },
  params,
});

describe('the read pool', () => {
  it('answers each job from a worker, and replaces a worker that dies', async () => {
    const pool = startReadPool({ size: 2, databaseUrl: 'sqlite:unused', entry: ENTRY });
    try {
      assert.equal(pool.size, 0);
      await assert.rejects(pool.run(job('echo')), /no worker running/);
      await pool.ready;
      assert.equal(pool.size, 2);
      assert.equal(await pool.run(job('echo', { a: '1' })), '{"a":"1"}');
      await assert.rejects(pool.run(job('crash')), /read worker exited \(3\)/);
      // The replacement starts in the background; the other worker answers meanwhile.
      assert.equal(await pool.run(job('echo', { b: '2' })), '{"b":"2"}');
      for (let i = 0; i < 100 && pool.size < 2; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(pool.size, 2);
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => pool.run(job('echo', { i }))));
      assert.deepEqual(
        answers,
        Array.from({ length: 20 }, (_, i) => `{"i":${i}}`),
      );
    } finally {
      await pool.close();
    }
  });

  it('rejects with the domain error a call threw, or with a failure', async () => {
    const pool = startReadPool({ size: 1, databaseUrl: 'sqlite:unused', entry: ENTRY });
    try {
      await pool.ready;
      const missing = await pool.run(job('missing')).catch((e: unknown) => e);
      assert.ok(missing instanceof DomainError);
      assert.equal(missing.code, 'not_found');
      assert.equal(missing.message, 'no such thing');
      await assert.rejects(pool.run(job('fail')), /read worker: it broke/);
    } finally {
      await pool.close();
    }
  });

  it('closes while its workers are still starting, without reporting a failed start', async () => {
    const pool = startReadPool({ size: 2, databaseUrl: 'sqlite:unused', entry: ENTRY });
    await pool.close();
    await pool.ready;
    assert.equal(pool.size, 0);
  });

  it('reports a worker that cannot open the store, and has no worker to run on', async () => {
    const pool = startReadPool({ size: 2, databaseUrl: 'sqlite:refuse', entry: ENTRY });
    try {
      await assert.rejects(pool.ready, /cannot open/);
      assert.equal(pool.size, 0);
    } finally {
      await pool.close();
    }
  });
});

// Read workers serve SQLite stores only; on PostgreSQL both servers below would answer inline.
describe('page calls served by a read worker', { skip: Boolean(process.env.TEST_DATABASE_URL) }, () => {
  let store: TestStore;
  let tenant: TestTenant;
  const bases: string[] = [];
  const closers: Array<() => Promise<void>> = [];

  before(async () => {
    store = await freshStore();
    tenant = await tenantWithKey(store.db);
    await importInventory(store.db, tenant.id, validateInventory(readDemoInventory()));
    const scope = { tenantId: tenant.id, keyId: tenant.keyId };
    const today = todayIn('Europe/Rome');
    for (let i = 0; i < 30; i++) {
      const arrival = addDays(today, (i % 5) - 2 + (i < 20 ? 0 : 10));
      await createReservation(store.db, scope, {
        arrival,
        departure: addDays(arrival, 3),
        customer: { name: `Гость ${i}`, surname: 'O"Brien\\' },
        rooms: [{ roomId: (i % 20) + 1 }],
      });
    }
    // Two servers over one store: one with a read worker, one answering inline.
    for (const workers of ['1', '0']) {
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        READ_WORKERS: workers,
        DATABASE_URL: store.url,
        PORT: '0',
      });
      const app = await buildServer({ config, db: store.db });
      await app.listen({ host: '127.0.0.1', port: 0 });
      // Until its worker is ready a server answers inline, which would make the comparison below empty.
      if (workers === '1') {
        assert.ok(app.readWorkers);
        await app.readWorkers.ready;
      } else assert.equal(app.readWorkers, undefined);
      bases.push(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
      closers.push(() => app.close());
    }
  });
  after(async () => {
    for (const close of closers) await close();
    await store.drop();
  });

  const both = (call: string, fields: Record<string, string>, key = tenant.key) =>
    Promise.all(
      bases.map((base) => postForm(`${base}/kp/reservations/${call}`, fields, { 'x-api-key': key })),
    );

  const cases: Array<[string, string, Record<string, string>]> = [
    ['a page', 'fetch_reservations', { filters: JSON.stringify({ pager: { limit: 16, offset: 8 } }) }],
    ['the default page', 'fetch_reservations', {}],
    ["today's", 'fetch_today_reservations', {}],
    ['a bad filter', 'fetch_reservations', { filters: JSON.stringify({ arrival: { from: '31/02/2023' } }) }],
    ['malformed JSON', 'fetch_reservations', { filters: '{' }],
    [
      'a range backwards',
      'fetch_reservations',
      { filters: '{"created":{"from":"02/01/2030","to":"01/01/2030"}}' },
    ],
  ];
  for (const [name, call, fields] of cases) {
    it(`answers ${name} exactly as the inline path does`, async () => {
      const [worker, inline] = await both(call, fields);
      assert.equal(worker!.status, inline!.status);
      assert.equal(worker!.headers.get('content-type'), inline!.headers.get('content-type'));
      assert.equal(worker!.text, inline!.text);
      if (worker!.status === 200) assert.ok(worker!.text.includes('"id_human"'), worker!.text);
    });
  }

  it('refuses a bad key before any worker sees the call', async () => {
    const [worker, inline] = await both('fetch_reservations', {}, 'ck_nope');
    assert.equal(worker!.status, 401);
    assert.equal(worker!.text, inline!.text);
  });
});
