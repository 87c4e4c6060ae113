import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { importInventory, validateInventory } from '../../../src/core/inventory.ts';
import { readDemoInventory } from '../../../src/demo-inventory.ts';
import {
  countRows,
  freshStore,
  postForm,
  tenantWithKey,
  type TestStore,
  type TestTenant,
} from '../../helper.ts';
import { startHotel, stay, type Hotel } from './hotel.ts';

const REQUESTS = 60;

function fireNew(bases: string[], key: string, params: Record<string, unknown>) {
  return Promise.all(
    Array.from({ length: REQUESTS }, (_, i) =>
      postForm(
        `${bases[i % bases.length]}/kp/reservations/new`,
        { params: JSON.stringify(params) },
        { 'x-api-key': key },
      ),
    ),
  );
}

function statuses(replies: Array<{ status: number }>) {
  const counts: Record<number, number> = {};
  for (const r of replies) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

describe('POST /kp/reservations/new under concurrency, one process', () => {
  let hotel: Hotel;

  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());

  it(`books one room for the same nights exactly once out of ${REQUESTS} simultaneous requests`, async () => {
    const replies = await fireNew([hotel.server.base], hotel.tenant.key, stay({ rooms: [{ room: 2 }] }));
    assert.deepEqual(statuses(replies), { 200: 1, 409: REQUESTS - 1 });
    assert.equal(await countRows(hotel.server.db, 'reservations'), 1);
    assert.equal(await countRows(hotel.server.db, 'room_nights'), 3);
  });

  it('assigns rooms picked by type without booking any twice (4 suites, 60 requests → 4 bookings)', async () => {
    const replies = await fireNew([hotel.server.base], hotel.tenant.key, stay({ rooms: [{ room_type: 4 }] }));
    assert.deepEqual(statuses(replies), { 200: 4, 409: REQUESTS - 4 });
    const nights = await hotel.server.db
      .selectFrom('room_nights')
      .select(['room_id', 'night'])
      .where('room_id', 'in', [17, 18, 19, 20])
      .execute();
    assert.equal(nights.length, 4 * 3);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function untilListening(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      await fetch(`${base}/kp/property/fetch_rooms`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`server at ${base} did not start`);
}

const pgOnly = process.env.TEST_DATABASE_URL ? {} : { skip: 'needs PostgreSQL' };

describe(
  'POST /kp/reservations/new under concurrency, two server processes on one PostgreSQL database',
  pgOnly,
  () => {
    let store: TestStore;
    let tenant: TestTenant;
    const children: ChildProcess[] = [];
    const bases: string[] = [];

    before(async () => {
      store = await freshStore();
      tenant = await tenantWithKey(store.db);
      await importInventory(store.db, tenant.id, validateInventory(readDemoInventory()));
      for (let i = 0; i < 2; i++) {
        const port = await freePort();
        const child = spawn(process.execPath, ['bin/clientele.js', 'serve'], {
          env: {
            ...process.env,
            DATABASE_URL: store.url,
            HOST: '127.0.0.1',
            PORT: String(port),
            LOG_LEVEL: 'silent',
          },
          stdio: ['ignore', 'ignore', 'inherit'],
        });
        children.push(child);
        bases.push(`http://127.0.0.1:${port}`);
      }
      for (const [i, base] of bases.entries()) await untilListening(base, children[i]!);
    });

    after(async () => {
      for (const child of children) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await store.drop();
    });

    it(`creates exactly one reservation out of ${REQUESTS} simultaneous requests for one room, the rest 409`, async () => {
      const replies = await fireNew(bases, tenant.key, stay({ rooms: [{ room: 2 }] }));
      assert.deepEqual(statuses(replies), { 200: 1, 409: REQUESTS - 1 });
      assert.equal(await countRows(store.db, 'reservations'), 1);
      assert.equal(await countRows(store.db, 'room_nights'), 3);
    });
  },
);
