import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { countRows, freshStore, get, postForm, type TestStore } from '../helper.ts';
import { serve, type Served } from '../processes.ts';

const INFO = { LOG_LEVEL: 'info' };

/** The start line of a server's log. */
function startLine(server: Served): { migrationsApplied: string[] } {
  const line = server
    .output()
    .split('\n')
    .find((l) => l.includes('"msg":"clientele started"'));
  assert.ok(line, server.output());
  return JSON.parse(line) as { migrationsApplied: string[] };
}

/** Waits until the start line is out (stdout may trail the first HTTP answer). */
async function started(server: Served): Promise<void> {
  for (let i = 0; i < 250 && !server.output().includes('clientele started'); i++)
    await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('two nodes starting at once on one store', () => {
  let store: TestStore;
  let nodes: Served[] = [];
  afterEach(async () => {
    for (const node of nodes) await node.stop();
    nodes = [];
    await store.drop();
  });
  after(() => {});

  it('an empty store: migrated once, one demo tenant, its key printed by one node only', async () => {
    store = await freshStore(undefined, false);
    nodes = await Promise.all([serve(store.url, INFO), serve(store.url, INFO)]);
    await Promise.all(nodes.map(started));
    for (const node of nodes) assert.equal((await get(`${node.base}/ready`)).status, 200);
    assert.equal(await countRows(store.db, 'tenants'), 1, 'one demo tenant');
    assert.equal(await countRows(store.db, 'api_keys'), 1);
    const applied = nodes.map((node) => startLine(node).migrationsApplied);
    assert.deepEqual(
      applied.flat().sort(),
      Object.keys(migrations).sort(),
      'each migration applied by one node',
    );
    const keys = nodes.map((node) => /ck_[A-Za-z0-9_-]{32}/.exec(node.errors())?.[0]);
    assert.equal(keys.filter(Boolean).length, 1, 'one banner');
    const key = keys.find(Boolean)!;
    for (const node of nodes) {
      const rooms = await postForm(`${node.base}/kp/property/fetch_rooms`, {}, { 'x-api-key': key });
      assert.equal(rooms.status, 200);
    }
  });

  it('an older store (an upgrade): the missing migrations applied once, the data kept', async () => {
    store = await freshStore(undefined, false);
    const names = Object.keys(migrations);
    const older = Object.fromEntries(names.slice(0, 3).map((name) => [name, migrations[name]!]));
    assert.deepEqual(await migrateToLatest(store.db, older), names.slice(0, 3));
    // A tenant row as the older schema holds it (today's createTenant writes columns added since).
    await store.db
      .insertInto('tenants')
      .values({
        name: 'Before the upgrade',
        prefix: 'BU',
        timezone: 'UTC',
        currency: 'EUR',
        created_at: new Date().toISOString(),
      })
      .execute();
    nodes = await Promise.all([serve(store.url, INFO), serve(store.url, INFO)]);
    await Promise.all(nodes.map(started));
    for (const node of nodes) assert.equal((await get(`${node.base}/ready`)).status, 200);
    const applied = nodes.map((node) => startLine(node).migrationsApplied);
    assert.deepEqual(applied.flat().sort(), names.slice(3).sort(), 'the rest, each by one node');
    assert.ok(
      applied.some((list) => list.length === 0),
      'the node that waited found nothing left to do',
    );
    assert.equal(await countRows(store.db, 'tenants'), 1, 'no demo tenant: the store was not empty');
    assert.deepEqual(await migrateToLatest(store.db), [], 'up to date');
  });
});
