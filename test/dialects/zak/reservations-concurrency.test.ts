import assert from 'node:assert/strict';
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
import { serve, type Served } from '../../processes.ts';
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

const pgOnly = process.env.TEST_DATABASE_URL ? {} : { skip: 'needs PostgreSQL' };

describe(
  'POST /kp/reservations/new under concurrency, two server processes on one PostgreSQL database',
  pgOnly,
  () => {
    let store: TestStore;
    let tenant: TestTenant;
    let servers: Served[] = [];

    before(async () => {
      store = await freshStore();
      tenant = await tenantWithKey(store.db);
      await importInventory(store.db, tenant.id, validateInventory(readDemoInventory()));
      servers = await Promise.all([serve(store.url), serve(store.url)]);
    });

    after(async () => {
      for (const server of servers) await server.stop();
      await store.drop();
    });

    it(`creates exactly one reservation out of ${REQUESTS} simultaneous requests for one room, the rest 409`, async () => {
      const replies = await fireNew(
        servers.map((s) => s.base),
        tenant.key,
        stay({ rooms: [{ room: 2 }] }),
      );
      assert.deepEqual(statuses(replies), { 200: 1, 409: REQUESTS - 1 });
      assert.equal(await countRows(store.db, 'reservations'), 1);
      assert.equal(await countRows(store.db, 'room_nights'), 3);
    });
  },
);
