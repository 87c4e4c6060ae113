import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { startSender } from '../../src/events/sender.ts';
import { startKeyPurge } from '../../src/ops/idempotency-purge.ts';
import { loopReport } from '../../src/ops/outage-log.ts';
import { openDb, type Db } from '../../src/store/db.ts';
import { countRows, freshStore, postForm, tenantWithKey } from '../helper.ts';
import { loggedServer, type LogLine } from './log-capture.ts';
import { tcpProxy } from './tcp-proxy.ts';

const postgres = Boolean(process.env.TEST_DATABASE_URL);

/**
 * A store that can go away for the server and its loops alone. PostgreSQL: a relay in front of it stops (connections
 * refused, those open cut). SQLite: another connection holds the file's write lock (a backup tool, another
 * process): every write waits 100 ms, then fails as busy; reads go on.
 */
interface Outage {
  db: Db;
  away(): Promise<void>;
  back(): Promise<void>;
  /** Stops the relay for good (PostgreSQL). */
  close(): Promise<void>;
}

async function outageOf(url: string): Promise<Outage> {
  if (postgres) {
    const proxy = await tcpProxy(url);
    return {
      db: openDb(proxy.via(url), { connectTimeoutMs: 1000 }),
      away: () => proxy.stop(),
      back: () => proxy.start(),
      close: () => proxy.stop(),
    };
  }
  const other = new SQLite(url.slice('sqlite:'.length));
  return {
    db: openDb(url, { lockTimeoutMs: 100 }),
    away: async () => void other.exec('BEGIN IMMEDIATE'),
    back: async () => {
      other.exec('ROLLBACK');
    },
    close: async () => void other.close(),
  };
}

const summary = (lines: LogLine[]) => lines.map((line) => line.msg).join(' | ');
const named = (lines: LogLine[], msg: string) => lines.filter((line) => line.msg === msg);

describe('background loops while the store is away', () => {
  it(
    'log one line when each loop first fails, none while it stays away, one when it works again',
    { timeout: 60_000 },
    async () => {
      const store = await freshStore();
      const tenant = await tenantWithKey(store.db);
      const outage = await outageOf(store.url);
      const server = await loggedServer({ ...store, db: outage.db }, { ACCESS_LOG: '0' });
      // The loops `serve` runs beside the server: the webhook sender (a poll every 250 ms) and the purge of expired
      // Idempotency-Keys (every 200 ms here); the journal's flush (every 2 s) runs inside the server.
      const sender = startSender(outage.db, server.config, server.logger);
      const purge = startKeyPurge(outage.db, server.logger, 200);
      const journaled = () =>
        postForm(`${server.base}/kp/customers/fetch_one`, { id: '1' }, { 'x-api-key': tenant.key });
      try {
        await sleep(500);
        // PostgreSQL: the entries wait for the journal's next flush, which the outage fails (unless it ran first).
        for (let i = 0; i < 3; i++) assert.equal((await journaled()).status, 404);
        await outage.away();
        // SQLite serves reads meanwhile: these entries' flush fails for sure.
        if (!postgres) for (let i = 0; i < 3; i++) assert.equal((await journaled()).status, 404);
        await sleep(4500);
        await outage.back();
        await sleep(3000);
        // The journal kept what it could not write (docs/sandbox.md): every request is there.
        assert.equal(await countRows(outage.db, 'request_journal'), postgres ? 3 : 6);
      } finally {
        await sender.stop();
        await purge.stop();
        await server.close();
        await outage.db.destroy();
        await outage.close();
        await store.drop();
      }
      const lines = server.lines;
      const loops = postgres
        ? ['webhook sender', 'idempotency key purge', 'request journal']
        : ['idempotency key purge', 'request journal'];
      for (const loop of loops) {
        const down = named(lines, `${loop}: store unavailable`);
        const up = named(lines, `${loop}: store available again`);
        // The journal under PostgreSQL: its flush may have run between the requests and the outage.
        if (loop === 'request journal' && postgres && down.length === 0) continue;
        assert.equal(down.length, 1, `${loop}: ${summary(lines)}`);
        assert.equal(down[0]!.level, 50);
        assert.equal(typeof down[0]!.err, 'string');
        assert.equal(up.length, 1, `${loop}: ${summary(lines)}`);
        assert.equal(up[0]!.level, 30);
        assert.ok(Number(up[0]!.downForMs) >= 3000, JSON.stringify(up[0]));
        assert.ok(Number(up[0]!.failures) >= (loop === 'request journal' ? 2 : 10), JSON.stringify(up[0]));
      }
      // Nothing else of the loops: not a line per failed round (the sender polls four times a second).
      const others = lines.filter(
        (line) =>
          Number(line.level) >= 40 && !/: store (unavailable|available again)$/.test(String(line.msg)),
      );
      assert.deepEqual(
        others.map((line) => line.msg),
        [],
      );
    },
  );
});

describe('a loop that stays failing', () => {
  it('reminds at most once a minute, and a failure that is not the store is logged every time', () => {
    const lines: { level: string; message: string; details: object }[] = [];
    const log = (level: string) => (details: object, message: string) =>
      lines.push({ level, message, details });
    let now = 0;
    const report = loopReport(
      { error: log('error'), warn: log('warn'), info: log('info') },
      'loop',
      () => now,
    );
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    for (; now <= 150_000; now += 250) report.failed(refused, 'loop: round failed');
    report.failed(new Error('a bug'), 'loop: round failed');
    report.failed(new Error('a bug'), 'loop: round failed');
    report.succeeded();
    report.succeeded();
    assert.deepEqual(
      lines.map((line) => [line.level, line.message]),
      [
        ['error', 'loop: store unavailable'],
        ['warn', 'loop: store still unavailable'],
        ['warn', 'loop: store still unavailable'],
        ['error', 'loop: round failed'],
        ['error', 'loop: round failed'],
        ['info', 'loop: store available again'],
      ],
    );
    assert.deepEqual(lines[2]!.details, { loop: 'loop', downForMs: 120_000, failures: 481 });
    assert.deepEqual(lines[5]!.details, { loop: 'loop', downForMs: 150_250, failures: 601 });
  });
});
