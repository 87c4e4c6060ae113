import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { importInventory, validateInventory } from '../src/core/inventory.ts';
import { readDemoInventory } from '../src/demo-inventory.ts';
import { countRows, freshStore, postForm, tenantWithKey, type TestStore, type TestTenant } from './helper.ts';
import { postAlone, serve, type Served } from './processes.ts';

/** The pids of a process's children (the workers of a `serve` primary), read from /proc: no `ps` to spawn. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the name before it may hold spaces, so split after ") ".
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return children;
}

/** CPU time a process has used so far, in clock ticks (user + system). */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function workersOf(server: Served, count: number): Promise<number[]> {
  let pids: number[] = [];
  for (let i = 0; i < 100; i++) {
    pids = childrenOf(server.child.pid!);
    if (pids.length === count) return pids;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${count} workers, found ${JSON.stringify(pids)}`);
}

describe('clientele serve with WORKERS=2', () => {
  let store: TestStore;
  let tenant: TestTenant;
  let server: Served;

  before(async () => {
    store = await freshStore();
    tenant = await tenantWithKey(store.db);
    await importInventory(store.db, tenant.id, validateInventory(readDemoInventory()));
    server = await serve(store.url, { WORKERS: '2' });
  });
  after(async () => {
    await server.stop();
    await store.drop();
  });

  it('serves from both worker processes', async () => {
    const workers = await workersOf(server, 2);
    const before = workers.map(cpuTicks);
    for (let i = 0; i < 200; i++) {
      assert.equal(
        await postAlone(`${server.base}/kp/property/fetch_rooms`, { 'x-api-key': tenant.key }),
        200,
      );
    }
    const after = workers.map(cpuTicks);
    workers.forEach((pid, i) => assert.ok(after[i]! > before[i]!, `worker ${pid} served nothing`));
  });

  it('books one room for the same nights exactly once across the processes', async () => {
    const params = JSON.stringify({
      arrival: '20/01/2030',
      departure: '23/01/2030',
      customer: { name: 'Anna', surname: 'Bianchi' },
      rooms: [{ room: 2 }],
    });
    const replies = await Promise.all(
      Array.from({ length: 40 }, () =>
        postForm(
          `${server.base}/kp/reservations/new`,
          { params },
          { 'x-api-key': tenant.key, connection: 'close' },
        ),
      ),
    );
    const counts: Record<number, number> = {};
    for (const r of replies) counts[r.status] = (counts[r.status] ?? 0) + 1;
    assert.deepEqual(counts, { 200: 1, 409: 39 });
    assert.equal(await countRows(store.db, 'reservations'), 1);
    assert.equal(await countRows(store.db, 'room_nights'), 3);
  });

  it('replaces a worker that dies and keeps serving', async () => {
    const [first] = await workersOf(server, 2);
    process.kill(first!, 'SIGKILL');
    let replaced: number[] = [];
    for (let i = 0; i < 100 && !(replaced.length === 2 && !replaced.includes(first!)); i++) {
      await new Promise((r) => setTimeout(r, 100));
      replaced = childrenOf(server.child.pid!);
    }
    assert.equal(replaced.length, 2);
    assert.ok(!replaced.includes(first!));
    const reply = await postForm(`${server.base}/kp/property/fetch_rooms`, {}, { 'x-api-key': tenant.key });
    assert.equal(reply.status, 200);
  });

  it('stops every worker on SIGTERM and exits 0', async () => {
    const workers = await workersOf(server, 2);
    assert.equal(await server.stop(), 0);
    for (const pid of workers) assert.throws(() => process.kill(pid, 0), 'a worker outlived the primary');
  });
});
