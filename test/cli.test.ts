import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freshStore, postForm, runCli, runCliWith, type CliResult, type TestStore } from './helper.ts';
import { serve } from './processes.ts';

const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

/** A reply that succeeded, with what it printed: a failure shows its standard error. */
function ok(r: CliResult): string {
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

describe('clientele CLI', () => {
  let store: TestStore;
  const cli = (...args: string[]) => runCli(store.url, ...args);

  before(async () => {
    store = await freshStore();
  });
  after(() => store.drop());

  it('prints its help on standard output, for every command and subcommand', async () => {
    const overview = await cli('--help');
    assert.match(ok(overview), /^usage: clientele <command>/);
    for (const name of ['serve', 'migrate', 'tenant', 'key', 'owner', 'inventory', 'backup', 'restore'])
      assert.match(overview.stdout, new RegExp(`^  ${name} +\\S`, 'm'), `${name} is listed with its summary`);
    assert.equal(overview.stderr, '');
    assert.match(ok(await cli('key', '--help')), /clientele key list --tenant ID \[--json\]/);
    assert.equal(ok(await cli('help', 'key')), (await cli('key', '-h')).stdout);
    assert.match(ok(await cli('key', 'list', '--help')), /^usage: clientele key list --tenant ID/);
    // Help, not a server: it returns at once.
    assert.match(ok(await cli('serve', '--help')), /^usage: clientele serve/);
    // Every command listed answers `--help` with its usage, as `help NAME` does.
    const listed = [...overview.stdout.matchAll(/^ {2}([a-z-]+) +\S/gm)].map((m) => m[1]!);
    assert.ok(listed.includes('customer') && listed.includes('data-key'), listed.join(' '));
    for (const name of listed) {
      const help = await cli(name, '--help');
      assert.equal(help.code, 0, `${name} --help: ${help.stderr}`);
      assert.match(help.stdout, new RegExp(`^usage: clientele ${name}`), name);
      assert.equal(help.stdout, (await cli('help', name)).stdout, name);
    }
  });

  it('prints its version', async () => {
    assert.equal(ok(await cli('--version')).trim(), `clientele ${VERSION}`);
  });

  it('names a mistyped command and exits 2', async () => {
    const serv = await cli('serv');
    assert.equal(serv.code, 2);
    assert.match(serv.stderr, /unknown command 'serv' — did you mean 'serve'\?/);
    assert.equal(serv.stdout, '');
    const lst = await cli('key', 'lst', '--tenant', '1');
    assert.equal(lst.code, 2);
    assert.match(lst.stderr, /unknown key command 'lst' — did you mean 'list'\?/);
    const nothing = await cli('frobnicate');
    assert.equal(nothing.code, 2);
    assert.doesNotMatch(nothing.stderr, /did you mean/);
    const bare = await cli();
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /^usage: clientele <command>/);
  });

  it('tenant create --json prints one object with the validated tenant; list prints a table with headers', async () => {
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
    const tenant = JSON.parse(ok(r));
    assert.equal(typeof tenant.id, 'number');
    assert.equal(tenant.prefix, 'HB');
    assert.equal(tenant.currency, 'CHF');
    const list = JSON.parse(ok(await cli('tenant', 'list', '--json')));
    assert.ok(list.some((t: { id: number }) => t.id === tenant.id));
    const [header, ...rows] = ok(await cli('tenant', 'list'))
      .trimEnd()
      .split('\n');
    assert.match(header!, /^ID +PREFIX +TIMEZONE +CURRENCY +COUNTRY +NAME$/);
    assert.ok(
      rows.some((row) => /^\d+ +HB +Europe\/Rome +CHF +RU +Hotel Bellavista$/.test(row)),
      rows.join('\n'),
    );
  });

  it('exits 2 when called wrongly, with a message and nothing done', async () => {
    for (const args of [
      ['tenant', 'create'],
      ['tenant', 'create', '--name', 'X', '--timezone', 'Nowhere/City'],
      ['tenant', 'create', '--name', 'X', '--bogus', '1'],
      // A value with a space, unquoted: its second word was dropped, and the tenant made as "Hotel".
      ['tenant', 'create', '--name', 'Hotel', 'Italia'],
      ['webhook', 'list', 'extra'],
      ['tenant'],
      ['key', 'create', '--tenant', 'abc'],
      ['key', 'revoke'],
      ['owner', 'create', '--tenant', '1', '--code', 'no'],
      // An id past 32 bits is no id of either store (PostgreSQL refused it as out of range: exit 1, its words).
      ['key', 'list', '--tenant', '2147483648'],
      ['fault', 'list', '--tenant', '99999999999'],
      ['journal', '--tenant', '99999999999'],
      ['journal', '--tenant', '1', '--status', '99999999999'],
      ['customer', 'export', '--tenant', '1', '--customer', '99999999999'],
      ['customer', 'merge', '--tenant', '1', '--source', '99999999999', '--target', '1'],
      ['webhook', 'deliveries', '--tenant', '1', '--webhook', '99999999999'],
      ['webhook', 'redeliver', '99999999999'],
      ['admin-token', 'revoke', '99999999999'],
    ]) {
      const r = await cli(...args);
      assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}: ${r.stderr}`);
      assert.match(r.stderr, /^clientele [\w-]+: .+\nclientele [\w-]+ --help tells how to call it\.\n$/);
    }
    assert.equal(JSON.parse(ok(await cli('tenant', 'list', '--json'))).length, 1, 'no tenant was made');
  });

  it("exits 2 without the servers' data key file, for each command that seals or opens with it, making none", async () => {
    const missing = join(tmpdir(), `clientele-test-no-data-key-${process.pid}.json`);
    const tenant = String(JSON.parse(ok(await cli('tenant', 'create', '--name', 'Keyless', '--json'))).id);
    for (const args of [
      ['customer', 'export', '--tenant', tenant, '--customer', '1'],
      ['webhook', 'add', '--tenant', tenant, '--url', 'https://example.com/hook'],
      ['data-key', 'rotate'],
    ]) {
      const r = await runCliWith({ DATA_KEY_FILE: missing }, store.url, ...args);
      assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}: ${r.stderr}`);
      assert.equal(
        r.stderr.split('\n')[0],
        `clientele ${args[0]}: no data key file at ${missing}: a server's first start makes it`,
      );
      assert.equal(existsSync(missing), false, `${args.join(' ')} made a key file`);
    }
  });

  it('exits 1 when a well-formed command fails, saying why in one line', async () => {
    for (const [args, message] of [
      [['key', 'create', '--tenant', '424242'], /tenant 424242 not found/],
      [['key', 'list', '--tenant', '424242'], /tenant 424242 not found/],
      [['key', 'revoke', 'ck_nothing1'], /no active key matches ck_nothing1/],
      [['key', 'revoke', '99999999999'], /no active key matches 99999999999/],
      [['reservation', 'cancel', '--tenant', '1', '99999999999'], /not found/],
      [['inventory', 'import', '--tenant', '1', '/nonexistent/hotel.json'], /cannot read \/nonexistent/],
    ] as const) {
      const r = await cli(...args);
      assert.equal(r.code, 1, `${args.join(' ')} → ${r.code}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });

  it('key create prints a key once that works; key list shows it by prefix only; key revoke stops it', async () => {
    const tenant = JSON.parse(ok(await cli('tenant', 'create', '--name', 'Keys', '--json')));
    const issued = JSON.parse(ok(await cli('key', 'create', '--tenant', String(tenant.id), '--json')));
    assert.equal(issued.tenant, tenant.id);
    assert.match(issued.key, /^ck_[A-Za-z0-9_-]{32}$/);
    const rows = await store.db.selectFrom('api_keys').selectAll().where('id', '=', issued.id).execute();
    assert.notEqual(rows[0]?.key_hash, issued.key);
    const second = JSON.parse(ok(await cli('key', 'create', '--tenant', String(tenant.id), '--json')));

    const revoked = await cli('key', 'revoke', issued.prefix, '--json');
    assert.deepEqual(JSON.parse(ok(revoked)), { revoked: 1 });
    assert.equal((await cli('key', 'revoke', issued.prefix)).code, 1, 'nothing left to revoke');

    const listed = JSON.parse(ok(await cli('key', 'list', '--tenant', String(tenant.id), '--json')));
    assert.deepEqual(
      listed.map((k: { id: number; prefix: string; revoked_at: string | null }) => [
        k.id,
        k.prefix,
        !!k.revoked_at,
      ]),
      [
        [issued.id, issued.prefix, true],
        [second.id, second.prefix, false],
      ],
    );
    const table = ok(await cli('key', 'list', '--tenant', String(tenant.id)));
    const [header, first, last] = table.trimEnd().split('\n');
    assert.match(header!, /^ID +PREFIX +CREATED +REVOKED$/);
    assert.match(first!, new RegExp(`^${issued.id} +${issued.prefix} +\\d{4}-\\S+ +\\d{4}-\\S+$`));
    assert.match(last!, new RegExp(`^${second.id} +${second.prefix} +\\d{4}-\\S+ +-$`));
    for (const key of [issued.key, second.key])
      assert.ok(!table.includes(key.slice(11)), 'never the key itself');
  });

  it('migrate --json says what it applied', async () => {
    assert.deepEqual(JSON.parse(ok(await cli('migrate', '--json'))), { applied: [] });
    assert.equal(ok(await cli('migrate')).trim(), 'schema is up to date');
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
    assert.match((await cli('admin-token', 'list')).stdout, /^ID +NAME +PREFIX/);
    assert.equal((await cli('admin-token', 'revoke', String(issued.id))).code, 0);
    assert.equal((await cli('admin-token', 'revoke', String(issued.id))).code, 1, 'nothing left to revoke');
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

  it('on an empty store creates the demo tenant and prints its key once, on standard error', async () => {
    const first = await serve(store.url, { LOG_LEVEL: 'info' });
    // The banner is written once listening; a piped stream may arrive just after the first HTTP answer.
    for (let i = 0; i < 100 && !/curl/.test(first.errors()); i += 1)
      await new Promise((r) => setTimeout(r, 20));
    const key = /ck_[A-Za-z0-9_-]{32}/.exec(first.errors())?.[0];
    assert.ok(key, first.errors());
    const adminToken = /cat_[A-Za-z0-9_-]{32}/.exec(first.errors())?.[0];
    assert.ok(adminToken, 'the first start prints an admin token too');
    assert.match(first.errors(), new RegExp(`export BASE=${first.base} KEY=${key} TOKEN=${adminToken}\\n`));
    assert.match(first.errors(), /curl -s \$BASE\/kp\/customers\/add_one -H "x-api-key: \$KEY"/);
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
    // Standard output is the JSON log alone: every line parses, and none holds the key.
    const lines = first.output().trimEnd().split('\n');
    for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), line);
    assert.ok(!first.output().includes(key), 'the key stays out of the log');

    const second = await serve(store.url);
    const again = await postForm(
      `${second.base}/kp/customers/fetch_one`,
      { id: String(added.body.data) },
      { 'x-api-key': key },
    );
    assert.equal(again.status, 200);
    assert.equal(await second.stop(), 0);
    assert.doesNotMatch(second.errors() + second.output(), /ck_|cat_/, 'a later start prints nothing secret');
  });
});
