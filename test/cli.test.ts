import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { freshStore, postForm, runCli, type TestStore } from './helper.ts';
import { serve } from './processes.ts';

describe('clientele CLI', () => {
  let store: TestStore;
  const cli = (...args: string[]) => runCli(store.url, ...args);

  before(async () => {
    store = await freshStore();
  });
  after(() => store.drop());

  it('migrate reports an up-to-date schema', async () => {
    const r = await cli('migrate');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'schema is up to date');
  });

  it('tenant create --json prints one object with the validated tenant', async () => {
    const r = await cli(
      'tenant',
      'create',
      '--name',
      'Hotel Bellavista',
      '--prefix',
      'hb',
      '--timezone',
      'Europe/Rome',
      '--currency',
      'chf',
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    const tenant = JSON.parse(r.stdout);
    assert.equal(typeof tenant.id, 'number');
    assert.equal(tenant.prefix, 'HB');
    assert.equal(tenant.currency, 'CHF');
    const list = JSON.parse((await cli('tenant', 'list', '--json')).stdout);
    assert.ok(list.some((t: { id: number }) => t.id === tenant.id));
  });

  it('refuses bad flags and values with exit code 2 and a message', async () => {
    for (const args of [
      ['tenant', 'create'],
      ['tenant', 'create', '--name', 'X', '--timezone', 'Nowhere/City'],
      ['tenant', 'create', '--name', 'X', '--bogus', '1'],
      ['key', 'create', '--tenant', 'abc'],
      ['key', 'create', '--tenant', '424242'],
      ['key', 'revoke'],
      ['frobnicate'],
    ]) {
      const r = await cli(...args);
      assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}`);
      assert.notEqual(r.stderr.trim(), '');
    }
  });

  it('key create prints a key once that works; key revoke stops it', async () => {
    const tenant = JSON.parse((await cli('tenant', 'create', '--name', 'Keys', '--json')).stdout);
    const created = await cli('key', 'create', '--tenant', String(tenant.id), '--json');
    assert.equal(created.code, 0, created.stderr);
    const issued = JSON.parse(created.stdout);
    assert.equal(issued.tenant, tenant.id);
    assert.match(issued.key, /^ck_[A-Za-z0-9_-]{32}$/);
    const rows = await store.db.selectFrom('api_keys').selectAll().where('id', '=', issued.id).execute();
    assert.notEqual(rows[0]?.key_hash, issued.key);
    const revoked = await cli('key', 'revoke', issued.prefix);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, /revoked 1 key/);
    assert.equal((await cli('key', 'revoke', issued.prefix)).code, 2);
  });

  it('admin-token create prints a token once, stored hashed; list shows it without; revoke ends it', async () => {
    const created = await cli('admin-token', 'create', '--name', 'front desk', '--json');
    assert.equal(created.code, 0, created.stderr);
    const issued = JSON.parse(created.stdout);
    assert.deepEqual(Object.keys(issued).sort(), ['id', 'name', 'token']);
    assert.equal(issued.name, 'front desk');
    assert.match(issued.token, /^cat_[A-Za-z0-9_-]{32}$/);
    const rows = await store.db.selectFrom('admin_tokens').selectAll().where('id', '=', issued.id).execute();
    assert.notEqual(rows[0]?.token_hash, issued.token);
    const listed = await cli('admin-token', 'list', '--json');
    assert.equal(listed.code, 0, listed.stderr);
    assert.ok(!listed.stdout.includes(issued.token));
    const mine = (JSON.parse(listed.stdout) as Array<{ id: number; revoked_at: string | null }>).find(
      (t) => t.id === issued.id,
    );
    assert.equal(mine?.revoked_at, null);
    assert.match((await cli('admin-token', 'list')).stdout, /^ID\tNAME\tPREFIX/);
    assert.equal((await cli('admin-token', 'revoke', String(issued.id))).code, 0);
    assert.equal((await cli('admin-token', 'revoke', String(issued.id))).code, 2);
    assert.equal((await cli('admin-token', 'revoke', 'abc')).code, 2);
    assert.equal((await cli('admin-token', 'create', '--name', '')).code, 2);
  });
});

describe('clientele serve', () => {
  let store: TestStore;
  before(async () => {
    store = await freshStore();
  });
  after(() => store.drop());

  it('on an empty store creates the demo tenant and prints its key once, with a working curl example', async () => {
    const first = await serve(store.url);
    // The message is printed once listening; a piped stdout may arrive just after the first HTTP answer.
    for (let i = 0; i < 50 && !/curl/.test(first.output()); i += 1)
      await new Promise((r) => setTimeout(r, 20));
    const key = /ck_[A-Za-z0-9_-]{32}/.exec(first.output())?.[0];
    assert.ok(key, first.output());
    assert.match(first.output(), /curl -s http:\/\/127\.0\.0\.1:\d+\/kp\/customers\/add_one/);
    const adminToken = /cat_[A-Za-z0-9_-]{32}/.exec(first.output())?.[0];
    assert.ok(adminToken, 'the first start prints an admin token too');
    const tenants = await fetch(`${first.base}/admin/v1/tenants`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    assert.equal(tenants.status, 200);
    const added = await postForm<{ data: number }>(
      `${first.base}/kp/customers/add_one`,
      { custdata: '{"name": "Mario", "surname": "Rossi"}' },
      { 'x-api-key': key },
    );
    assert.equal(added.status, 200);
    assert.equal(await first.stop(), 0, 'SIGTERM ends the server cleanly');

    const second = await serve(store.url);
    const again = await postForm(
      `${second.base}/kp/customers/fetch_one`,
      { id: String(added.body.data) },
      { 'x-api-key': key },
    );
    assert.equal(again.status, 200);
    assert.doesNotMatch(second.output(), /ck_|cat_/, 'a later start prints nothing secret');
    assert.equal(await second.stop(), 0);
  });

  it('refuses to start on a bad configuration', async () => {
    const r = spawn(process.execPath, ['bin/clientele.js', 'serve'], {
      env: { ...process.env, DATABASE_URL: store.url, PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    r.stderr.on('data', (c) => (stderr += c));
    const [code] = await once(r, 'exit');
    assert.equal(code, 2);
    assert.match(stderr, /PORT must be a whole number/);
  });
});
