import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { importInventory, validateInventory } from '../src/core/inventory.ts';
import { readDemoInventory } from '../src/demo-inventory.ts';
import { countRows, freshStore, postForm, tenantWithKey, type TestStore, type TestTenant } from './helper.ts';
import { postAlone, serve, until, type Served } from './processes.ts';

/**
 * The workers of a `serve` primary: its children that run bin/clientele.js, read from /proc (no `ps` to spawn).
 * Its other children are not counted: tsx starts an esbuild process when it has not yet compiled a source file.
 */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the name before it may hold spaces, so split after ") ".
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (ppid === pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('bin/clientele.js'))
        children.push(Number(entry));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return children;
}

/**
 * The pids of the processes that have served a call so far, read from the access log (pino puts each line's pid
 * in it). Only whole lines are read: the last one may still be arriving.
 */
function servingPids(server: Served): Set<number> {
  const lines = server.output().split('\n').slice(0, -1);
  const pids = new Set<number>();
  for (const line of lines) {
    // The workers share the primary's standard output: a line cut by another process's write is skipped.
    const entry = parsed(line);
    if (entry?.dialect === 'zak') pids.add(entry.pid);
  }
  return pids;
}

function parsed(line: string): { pid: number; dialect?: string } | undefined {
  try {
    return JSON.parse(line) as { pid: number; dialect?: string };
  } catch {
    return undefined;
  }
}

async function workersOf(server: Served, count: number): Promise<number[]> {
  try {
    return await until(`${count} workers`, () => {
      const pids = childrenOf(server.child.pid!);
      return pids.length === count ? pids : undefined;
    });
  } catch (error) {
    const found = JSON.stringify(childrenOf(server.child.pid!));
    throw new Error(
      `${(error as Error).message}: found ${found}\n${server.errors()}${server.output().slice(-2000)}`,
      { cause: error },
    );
  }
}

/**
 * Calls fetch_rooms on connections of their own (the cluster hands each to the next worker) until `pid` has served
 * one of them, failing on any answer but 200.
 */
async function untilServedBy(server: Served, key: string, pid: number): Promise<void> {
  await until(`worker ${pid} to serve a call`, async () => {
    assert.equal(await postAlone(`${server.base}/kp/property/fetch_rooms`, { 'x-api-key': key }), 200);
    return servingPids(server).has(pid) || undefined;
  });
}

describe('clientele serve with WORKERS=2', () => {
  let store: TestStore;
  let tenant: TestTenant;
  let server: Served;

  before(async () => {
    store = await freshStore();
    tenant = await tenantWithKey(store.db);
    await importInventory(store.db, tenant.id, validateInventory(readDemoInventory()));
    // At `info` the access log names the pid that served each call, and the primary's start line comes once every
    // worker listens: /health answers as soon as the first one does.
    server = await serve(store.url, { WORKERS: '2', LOG_LEVEL: 'info', ACCESS_LOG: '1' });
    await until('the start line', () => server.output().includes('"msg":"clientele started"') || undefined);
  });
  after(async () => {
    await server.stop();
    await store.drop();
  });

  it('serves from both worker processes', async () => {
    const workers = await workersOf(server, 2);
    for (const pid of workers) await untilServedBy(server, tenant.key, pid);
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
    const [first, second] = await workersOf(server, 2);
    process.kill(first!, 'SIGKILL');
    const replaced = await until('a new worker', () => {
      const now = childrenOf(server.child.pid!);
      return now.length === 2 && !now.includes(first!) ? now : undefined;
    });
    assert.ok(replaced.includes(second!));
    // The other worker answers while the new one starts; the new one serves once it listens.
    const reply = await postForm(`${server.base}/kp/property/fetch_rooms`, {}, { 'x-api-key': tenant.key });
    assert.equal(reply.status, 200);
    await untilServedBy(
      server,
      tenant.key,
      replaced.find((pid) => pid !== second)!,
    );
  });

  it('stops every worker on SIGTERM and exits 0', async () => {
    const workers = await workersOf(server, 2);
    assert.equal(await server.stop(), 0);
    for (const pid of workers) assert.throws(() => process.kill(pid, 0), 'a worker outlived the primary');
  });
});
