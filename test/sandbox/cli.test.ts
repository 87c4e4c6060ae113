import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { countRows, freshStore, postForm, runCli, startServer } from '../helper.ts';

/** `tenant create --sandbox --demo --json` on the store: what it printed, and the tenant's id as a CLI argument. */
async function demoSandboxByCli(url: string) {
  const made = JSON.parse((await runCli(url, 'tenant', 'create', '--sandbox', '--demo', '--json')).stdout);
  return { made, t: String(made.tenant.id) };
}

describe('clientele tenant create --sandbox --demo, fault, journal, tenant snapshot|restore|reset', () => {
  it('makes the same seed and, with --key-seed, the same key on every fresh store', async () => {
    const made = [];
    for (let i = 0; i < 2; i++) {
      const store = await freshStore();
      try {
        const r = await runCli(
          store.url,
          'tenant',
          'create',
          '--sandbox',
          '--demo',
          '--key-seed',
          'my-suite-seed',
          '--json',
        );
        assert.equal(r.code, 0, r.stderr);
        const out = JSON.parse(r.stdout);
        made.push({ ...out, tenant: { ...out.tenant, created_at: 0 } });
      } finally {
        await store.drop();
      }
    }
    assert.deepEqual(made[0], made[1]);
    assert.deepEqual(made[0].customers, [1, 2, 3]);
    assert.deepEqual(
      made[0].reservations.map((r: { code: string }) => r.code),
      ['DH-0001', 'DH-0002'],
    );
    assert.match(made[0].key, /^ck_[A-Za-z0-9_-]{32}$/);
  });

  it('gives a key seed to one tenant only: a second create with it is refused and leaves nothing', async () => {
    const store = await freshStore();
    try {
      const create = (name: string) =>
        runCli(
          store.url,
          'tenant',
          'create',
          '--sandbox',
          '--demo',
          '--name',
          name,
          '--key-seed',
          'one-seed-1',
        );
      assert.equal((await create('First')).code, 0);
      const tables = ['tenants', 'api_keys', 'customers', 'reservations', 'rooms'];
      const counts = async () => Promise.all(tables.map((t) => countRows(store.db, t)));
      const before = await counts();
      const again = await create('Second');
      assert.equal(again.code, 2, again.stderr);
      assert.match(again.stderr, /key seed is in use by another tenant/);
      assert.doesNotMatch(again.stderr, /\n\s+at /, 'no stack trace');
      // The tenant row was written before its key was refused: the seed's one transaction took it back.
      assert.deepEqual(await counts(), before);
    } finally {
      await store.drop();
    }
  });

  it('prints the tenant as the demo hotel left it (its country IT), as tenant list shows it', async () => {
    const store = await freshStore();
    try {
      const made = await runCli(store.url, 'tenant', 'create', '--sandbox', '--demo', '--json');
      assert.equal(made.code, 0, made.stderr);
      const printed = JSON.parse(made.stdout).tenant;
      const listed = JSON.parse((await runCli(store.url, 'tenant', 'list', '--json')).stdout);
      assert.deepEqual(
        printed,
        listed.find((t: { id: number }) => t.id === printed.id),
      );
      assert.equal(printed.country, 'IT');
    } finally {
      await store.drop();
    }
  });

  it('refuses --demo or --key-seed without --sandbox (exit 2)', async () => {
    const store = await freshStore();
    try {
      const r = await runCli(store.url, 'tenant', 'create', '--name', 'X', '--demo');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /sandbox/);
    } finally {
      await store.drop();
    }
  });

  it('restores a snapshot whose customers have identity documents (they open with the store key file)', async () => {
    const server = await startServer();
    try {
      const url = server.store.url;
      const { made, t } = await demoSandboxByCli(url);
      const id = String(made.customers[0]);
      const docdata = JSON.stringify({
        doc_type: 'p',
        doc_country: 'Italy',
        doc_number: '123ABC456',
        doc_issue: '01/01/2010',
        doc_expiry: '01/01/2030',
      });
      const key = { 'x-api-key': made.key };
      const upload = await postForm(`${server.base}/kp/customers/upload_docdata`, { id, docdata }, key);
      assert.equal(upload.status, 200, upload.text);

      const file = join(mkdtempSync(join(tmpdir(), 'clientele-snap-')), 'snap.json');
      assert.equal((await runCli(url, 'tenant', 'snapshot', '--tenant', t, '--out', file)).code, 0);
      assert.equal((await runCli(url, 'tenant', 'reset', '--tenant', t)).code, 0);
      const restored = await runCli(url, 'tenant', 'restore', '--tenant', t, file);
      assert.equal(restored.code, 0, restored.stderr);
      const one = await postForm(`${server.base}/kp/customers/fetch_one`, { id }, key);
      assert.equal(one.status, 200, one.text);
      assert.match(one.text, /"doc_number":"123ABC456"/);
    } finally {
      await server.close();
    }
  });

  it('adds, lists and clears faults, follows the journal, snapshots, resets and restores', async () => {
    const server = await startServer();
    try {
      const url = server.store.url;
      const { made, t } = await demoSandboxByCli(url);
      const add = await runCli(
        url,
        'fault',
        'add',
        '--tenant',
        t,
        '--call',
        'zak:property/fetch_rooms',
        '--status',
        '503',
        '--json',
      );
      assert.equal(add.code, 0, add.stderr);
      const bad = await runCli(url, 'fault', 'add', '--tenant', t, '--call', 'zak:nope', '--status', '503');
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /unknown call/);
      const list = JSON.parse((await runCli(url, 'fault', 'list', '--tenant', t, '--json')).stdout);
      assert.deepEqual(
        list.map((r: { call: string }) => r.call),
        ['zak:property/fetch_rooms'],
      );
      // The server reads the rules within a second.
      let status = 0;
      for (let i = 0; i < 40 && status !== 503; i++) {
        status = (await postForm(`${server.base}/kp/property/fetch_rooms`, {}, { 'x-api-key': made.key }))
          .status;
        if (status !== 503) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(status, 503);
      assert.equal((await runCli(url, 'fault', 'clear', '--tenant', t)).code, 0);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const journal = await runCli(url, 'journal', '--tenant', t, '--json');
      assert.equal(journal.code, 0, journal.stderr);
      const lines = journal.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      assert.ok(lines.some((e) => e.status === 503 && e.call === 'property/fetch_rooms'));
      // Without --json: one line per request, as --help says, with no blank line between two.
      const text = await runCli(url, 'journal', '--tenant', t);
      assert.equal(text.code, 0, text.stderr);
      const textLines = text.stdout.replace(/\n$/, '').split('\n');
      assert.equal(textLines.length, lines.length, text.stdout);
      assert.match(
        textLines.at(-1)!,
        /^\S+Z {2}zak:property\/fetch_rooms {2}POST {2}503 {2}[\d.]+ ms {2}\/kp\/property\/fetch_rooms$/,
      );

      const dir = mkdtempSync(join(tmpdir(), 'clientele-snap-'));
      const file = join(dir, 'snap.json');
      assert.equal((await runCli(url, 'tenant', 'snapshot', '--tenant', t, '--out', file)).code, 0);
      assert.equal((await runCli(url, 'tenant', 'reset', '--tenant', t)).code, 0);
      const restored = await runCli(url, 'tenant', 'restore', '--tenant', t, file);
      assert.equal(restored.code, 0, restored.stderr);
      const one = await postForm(
        `${server.base}/kp/reservations/fetch_one_reservation`,
        { id: String(made.reservations[0].id) },
        { 'x-api-key': made.key },
      );
      assert.equal(one.status, 200, one.text);
    } finally {
      await server.close();
    }
  });
});
