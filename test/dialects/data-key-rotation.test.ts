import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { currentKeyId, open, openDataKeys } from '../../src/core/data-keys.ts';
import { sealFields } from '../../src/core/document-seal.ts';
import { insertCustomers } from '../../src/store/customers.ts';
import {
  runCli,
  startServer,
  TEST_DATA_KEY_FILE,
  tenantWithKey,
  type TestServer,
  type TestTenant,
} from '../helper.ts';

// `clientele data-key rotate` as an operator meets it: killed midway, run twice at once, and the key file read by a
// server while a key is added. The key file is the only copy of the keys: none of these may lose one.

const LOCK = `${TEST_DATA_KEY_FILE}.lock`;
/** Rotations move 500 documents a batch: this many make ten batches, so a kill after the first lands midway. */
const DOCUMENTS = 5000;
const PER_CUSTOMER = 100;

const keysInFile = (path: string) =>
  (JSON.parse(readFileSync(path, 'utf8')) as { keys: unknown[] }).keys.length;

describe('data key rotation, interrupted and concurrent', () => {
  let server: TestServer;
  let hotel: TestTenant;

  before(async () => {
    server = await startServer();
    hotel = await tenantWithKey(server.db);
    const at = new Date().toISOString();
    await insertCustomers(
      server.db,
      Array.from({ length: DOCUMENTS / PER_CUSTOMER }, (_, i) => ({
        tenant_id: hotel.id,
        name: 'Rota',
        surname: `Guest${i}`,
        created_at: at,
        updated_at: at,
      })),
    );
    const customers = await server.db
      .selectFrom('customers')
      .select('id')
      .where('tenant_id', '=', hotel.id)
      .orderBy('id')
      .execute();
    const rows = Array.from({ length: DOCUMENTS }, (_, i) => ({
      tenant_id: hotel.id,
      customer_id: customers[Math.floor(i / PER_CUSTOMER)]!.id,
      doc_type: 'passport',
      doc_country: 'IT',
      doc_issue: '2020-01-15',
      doc_expiry: '2030-01-14',
      created_at: at,
      ...sealFields(hotel.id, { doc_number: `RK${i}`, doc_issuer: `Issuer ${i}`, doc_medium: null }),
    }));
    await server.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500)
        await trx
          .insertInto('customer_documents')
          .values(rows.slice(i, i + 500))
          .execute();
    });
  });
  after(async () => {
    rmSync(LOCK, { force: true });
    await server.close();
  });

  const keyIds = async () =>
    (
      await server.db
        .selectFrom('customer_documents')
        .select(['data_key_id', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('data_key_id')
        .orderBy('data_key_id')
        .execute()
    ).map((r): [number | null, number] => [r.data_key_id, Number(r.n)]);

  it('finishes a rotation killed by SIGKILL midway: each document once under the new key, opening to its number', async () => {
    const before = currentKeyId();
    const child = spawn(process.execPath, ['bin/clientele.js', 'data-key', 'rotate'], {
      env: {
        ...process.env,
        DATA_KEY_FILE: TEST_DATA_KEY_FILE,
        DATABASE_URL: server.store.url,
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // Killed when it reports its first batch, nine batches from the end.
    child.stderr.once('data', () => child.kill('SIGKILL'));
    const signal = await new Promise((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    assert.equal(signal, 'SIGKILL');
    assert.equal(keysInFile(TEST_DATA_KEY_FILE), before + 1, 'the killed rotation added one key');
    const midway = new Map(await keyIds());
    assert.ok(
      (midway.get(before) ?? 0) > 0 && (midway.get(before + 1) ?? 0) > 0,
      JSON.stringify([...midway]),
    );
    assert.ok(existsSync(LOCK), 'the killed rotation left its lock');

    const r = await runCli(server.store.url, 'data-key', 'rotate', '--json');
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { key: number; documents: number; resumed: boolean };
    assert.deepEqual([report.key, report.resumed], [before + 1, true]);
    assert.equal(report.documents, midway.get(before));
    assert.equal(keysInFile(TEST_DATA_KEY_FILE), before + 1, 'no third key');
    assert.ok(!existsSync(LOCK), 'the lock is gone after a rotation');
    assert.deepEqual(await keyIds(), [[before + 1, DOCUMENTS]]);

    openDataKeys(TEST_DATA_KEY_FILE);
    const stored = await server.db
      .selectFrom('customer_documents')
      .select(['doc_number_enc', 'doc_issuer', 'data_key_id'])
      .where('tenant_id', '=', hotel.id)
      .orderBy('id')
      .execute();
    assert.equal(stored.length, DOCUMENTS);
    for (const [i, row] of stored.entries()) {
      assert.equal(open(hotel.id, row.data_key_id!, row.doc_number_enc!), `RK${i}`);
      assert.equal(open(hotel.id, row.data_key_id!, row.doc_issuer!), `Issuer ${i}`);
    }
  });

  it('refuses a second rotation while one runs, adding no key and moving no document', async () => {
    // A lock held by a running process: this test's own.
    writeFileSync(LOCK, `${process.pid}\n`, { mode: 0o600 });
    const keys = keysInFile(TEST_DATA_KEY_FILE);
    const before = await keyIds();
    const r = await runCli(server.store.url, 'data-key', 'rotate', '--json');
    rmSync(LOCK);
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stderr,
      new RegExp(`another data-key rotate is running \\(process ${process.pid} holds .*\\.lock\\)`),
    );
    assert.equal(keysInFile(TEST_DATA_KEY_FILE), keys);
    assert.deepEqual(await keyIds(), before);
  });

  it('replaces the key file in one step: a reader never sees half of it, and nothing is left beside it', async () => {
    const path = join(tmpdir(), `clientele-test-key-replaced-${process.pid}.json`);
    rmSync(path, { force: true });
    openDataKeys(path);
    const adds = 200;
    // Another process adds keys one after another while this one reads the file as a server does when it changes.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `const m = await import('./src/core/data-keys.ts'); for (let i = 0; i < ${adds}; i++) m.addDataKey(${JSON.stringify(path)});`,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    let running = true;
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        running = false;
        resolve(code);
      }),
    );
    let reads = 0;
    let torn = 0;
    while (running) {
      for (let i = 0; i < 200; i++, reads++) {
        try {
          JSON.parse(readFileSync(path, 'utf8'));
        } catch {
          torn += 1;
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(await exited, 0);
    assert.ok(reads > adds, `${reads} reads`);
    assert.equal(torn, 0, `${torn} of ${reads} reads found the file half-written`);
    assert.equal(keysInFile(path), adds + 1);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const left = readdirSync(dirname(path)).filter(
      (f) => f.startsWith(basename(path)) && f !== basename(path),
    );
    assert.deepEqual(left, []);
    openDataKeys(TEST_DATA_KEY_FILE);
    rmSync(path);
  });
});
