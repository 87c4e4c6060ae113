import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createOwner } from '../../../src/core/owners.ts';
import {
  countRows,
  freshStore,
  postJson,
  tenantWithKey,
  type TestStore,
  type TestTenant,
} from '../../helper.ts';
import { serve, type Served } from '../../processes.ts';
import { TEST_ENV, netstormingServer, validCustomer, type InsertReply } from './helper.ts';

const ITEMS = 2_000;

async function agenciesWithoutAdmin(store: TestStore): Promise<number> {
  const rows = await store.db
    .selectFrom('agencies')
    .leftJoin('agency_users', 'agency_users.agency_id', 'agencies.id')
    .select('agencies.id')
    .where('agency_users.id', 'is', null)
    .execute();
  return rows.length;
}

describe('POST /api/customers/insert: a server killed mid-batch', () => {
  let store: TestStore;
  let tenant: TestTenant;
  const servers: Served[] = [];
  before(async () => {
    store = await freshStore();
    tenant = await tenantWithKey(store.db);
    await createOwner(store.db, tenant.id, { code: 'netstorming' });
  });
  after(async () => {
    for (const server of servers) await server.stop('SIGKILL');
    await store.drop();
  });

  it('leaves no customer without its admin, and a resend completes the batch once', async () => {
    const body = {
      key: tenant.key,
      owner_code: 'netstorming',
      customers: Array.from({ length: ITEMS }, (_, i) => validCustomer(i)),
    };
    const first = await serve(store.url, TEST_ENV);
    servers.push(first);
    const lost = postJson(`${first.base}/api/customers/insert`, body).catch(() => null);
    while ((await countRows(store.db, 'agencies')) === 0) await sleep(5);
    await first.stop('SIGKILL');
    assert.equal(await lost, null, 'the first request never got a reply');

    const landed = await countRows(store.db, 'agencies');
    assert.ok(landed > 0 && landed < ITEMS, `killed mid-insert (${landed} of ${ITEMS} landed)`);
    assert.equal(await agenciesWithoutAdmin(store), 0);
    assert.equal(await countRows(store.db, 'agency_users'), landed);

    const second = await serve(store.url, TEST_ENV);
    servers.push(second);
    const reply = await postJson<InsertReply>(`${second.base}/api/customers/insert`, body);
    assert.equal(reply.status, 200);
    const created = reply.body.results.filter((r) => r.customer).length;
    assert.equal(created, ITEMS - landed);
    assert.equal(reply.body.errors.length, landed);
    assert.ok(reply.body.errors.every((e) => e.errors.join() === 'invalid code (already exists)'));
    await second.stop();

    const codes = await store.db.selectFrom('agencies').select('code').execute();
    assert.equal(codes.length, ITEMS);
    assert.equal(new Set(codes.map((c) => c.code)).size, ITEMS);
    assert.equal(await countRows(store.db, 'agency_users'), ITEMS);
    assert.equal(await agenciesWithoutAdmin(store), 0);
  });
});

describe('POST /api/customers/insert: a client that hangs up mid-batch', () => {
  it('stops after the chunk in flight, leaving whole items only', async () => {
    const f = await netstormingServer();
    try {
      const abandon = new AbortController();
      const customers = Array.from({ length: 1_000 }, (_, i) => validCustomer(i));
      const lost = fetch(`${f.server.base}/api/customers/insert`, {
        method: 'POST',
        body: JSON.stringify({ key: f.tenant.key, owner_code: 'netstorming', customers }),
        signal: abandon.signal,
      }).catch(() => null);
      while ((await countRows(f.server.db, 'agencies')) === 0) await sleep(5);
      abandon.abort();
      await lost;
      // The chunk in flight when the client left is still written; wait until the count settles (under a heavy
      // load that takes longer than a second), then check that nothing more comes.
      // Settled means unchanged over three checks two seconds apart (a chunk under heavy load takes seconds).
      let landed = await countRows(f.server.db, 'agencies');
      for (let i = 0, still = 0; i < 60 && still < 3; i++) {
        await sleep(2_000);
        const now = await countRows(f.server.db, 'agencies');
        still = now === landed ? still + 1 : 0;
        landed = now;
      }
      await sleep(3_000);
      assert.equal(await countRows(f.server.db, 'agencies'), landed, 'nothing more is written');
      assert.ok(landed < customers.length, `${landed} landed`);
      assert.equal(await countRows(f.server.db, 'agency_users'), landed);
    } finally {
      await f.server.close();
    }
  });
});
