import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAdminToken } from '../../src/core/admin-tokens.ts';
import { addDataKey, currentKeyId, openDataKeys } from '../../src/core/data-keys.ts';
import { openDocumentKeys } from '../../src/core/document-keys.ts';
import { startSender, type Sender } from '../../src/events/sender.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import {
  freshStore,
  postForm,
  runCli,
  runCliWith,
  startServer,
  TEST_DATA_KEY_FILE,
  tenantWithKey,
  type TestServer,
  type TestStore,
  type TestTenant,
  silentLog,
} from '../helper.ts';
import { serve, until } from '../processes.ts';
import { assertNotInStoreFiles } from '../store-files.ts';
import { startReceiver, verifies, WEBHOOK_ENV, type Receiver } from './support.ts';

/**
 * A webhook's signing secret is sealed with the data key in the store (core/webhook-secrets.ts): it is not in the
 * SQLite file nor in the PostgreSQL table in clear, yet every push is signed with the secret shown at creation,
 * through a rotation of the data key and after a start that sealed a secret stored in clear before.
 */
describe('webhook signing secrets at rest', () => {
  let server: TestServer;
  let tenant: TestTenant;
  let token: string;
  let receiver: Receiver;
  let sender: Sender;
  let customers = 0;
  const logged: Array<{ webhook?: number; message: string }> = [];

  const admin = async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.base}/admin/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as T };
  };
  /** A webhook for customer.created pushed to `path`, added through the admin API: its reply. */
  const addWebhook = async (path: string) => {
    const made = await admin<{ id: number; secret: string }>('POST', `/tenants/${tenant.id}/webhooks`, {
      url: receiver.url(path),
      format: 'clientele',
      events: ['customer.created'],
    });
    assert.equal(made.status, 201, made.text);
    assert.match(made.body.secret, /^whsec_/);
    return made.body;
  };
  const stored = (id: number) =>
    server.db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** Creates a customer (one customer.created event) and waits for its push on `path`. */
  const pushed = async (path: string) => {
    const before = receiver.pushes(path).length;
    const r = await admin('POST', `/tenants/${tenant.id}/customers`, {
      name: 'Hook',
      surname: `N${++customers}`,
    });
    assert.equal(r.status, 201, r.text);
    return until(`a push on ${path}`, () => receiver.pushes(path)[before]);
  };

  /** `clientele webhook add` for the tenant, pushing to /cli, with `env` (the servers' key file, or another). */
  const addByCli = (env: Record<string, string>, ...args: string[]) =>
    runCliWith(
      env,
      server.store.url,
      'webhook',
      'add',
      '--tenant',
      String(tenant.id),
      '--url',
      receiver.url('/cli'),
      ...args,
    );
  /**
   * Runs `work` while webhook `id`'s secret names data key 99, which no key file holds (a node whose file lags
   * behind), then gives the row its key back.
   */
  const underMissingKey = async (id: number, work: () => Promise<void>) => {
    const { secret_key_id: keyId } = await stored(id);
    await server.db.updateTable('webhooks').set({ secret_key_id: 99 }).where('id', '=', id).execute();
    try {
      await work();
    } finally {
      await server.db.updateTable('webhooks').set({ secret_key_id: keyId }).where('id', '=', id).execute();
    }
  };

  before(async () => {
    server = await startServer({ ...WEBHOOK_ENV, PASSWORD_SCRYPT_N: '1024' });
    tenant = await tenantWithKey(server.db);
    token = (await createAdminToken(server.db, 'tests')).token;
    receiver = await startReceiver();
    sender = startSender(server.db, server.config, {
      ...silentLog,
      error: (details, message) => logged.push({ ...details, message }),
    });
  });
  after(async () => {
    await sender.stop();
    await receiver.close();
    await server.close();
  });

  it('keeps no secret in clear in the store, and the receiver verifies with the secret shown at creation', async () => {
    const made = await addWebhook('/made');
    const row = await stored(made.id);
    assert.ok(!row.secret.includes(made.secret) && !row.secret.startsWith('whsec_'), row.secret);
    assert.equal(row.secret_key_id, currentKeyId());
    // The table as a reader of the database sees it, on either store, and the SQLite file with its log.
    const table = JSON.stringify(await server.db.selectFrom('webhooks').selectAll().execute());
    assert.ok(!table.includes('whsec_'), table);
    await assertNotInStoreFiles(server, ['whsec_', made.secret]);
    // No list shows the secret, clear or sealed.
    const listed = await admin('GET', `/tenants/${tenant.id}/webhooks`);
    assert.equal(listed.status, 200);
    for (const hidden of [made.secret, row.secret, 'secret'])
      assert.ok(!listed.text.includes(hidden), listed.text);

    const push = await pushed('/made');
    assert.ok(verifies(push.headers['x-clientele-signature'], push.body, made.secret));
  });

  it('seals the secret of `clientele webhook add`, lists it nowhere, and needs the key file', async () => {
    const r = await addByCli(WEBHOOK_ENV, '--json');
    assert.equal(r.code, 0, r.stderr);
    const made = JSON.parse(r.stdout) as { id: number; secret: string };
    assert.match(made.secret, /^whsec_/);
    const row = await stored(made.id);
    assert.ok(!row.secret.includes(made.secret), row.secret);
    assert.equal(row.secret_key_id, currentKeyId());
    const list = await runCli(server.store.url, 'webhook', 'list', '--json');
    assert.equal(list.code, 0, list.stderr);
    for (const hidden of [made.secret, row.secret, 'secret'])
      assert.ok(!list.stdout.includes(hidden), list.stdout);

    const missing = join(tmpdir(), `clientele-test-no-key-${process.pid}.json`);
    const without = await addByCli({ ...WEBHOOK_ENV, DATA_KEY_FILE: missing });
    assert.equal(without.code, 2, without.stderr);
    assert.match(without.stderr, /no data key file at .*: a server's first start makes it/);
    const count = await server.db.selectFrom('webhooks').select('id').where('id', '>', made.id).execute();
    assert.deepEqual(count, []);
  });

  it('re-seals every secret at `clientele data-key rotate`; the receiver still verifies the signature', async () => {
    const made = await addWebhook('/rotated');
    const before = await stored(made.id);
    const webhooks = (await server.db.selectFrom('webhooks').select('id').execute()).length;
    const r = await runCli(server.store.url, 'data-key', 'rotate', '--json');
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { key: number; webhooks: number; resumed: boolean };
    assert.deepEqual(
      [report.key, report.webhooks, report.resumed],
      [before.secret_key_id! + 1, webhooks, false],
    );
    const keys = await server.db.selectFrom('webhooks').select('secret_key_id').distinct().execute();
    assert.deepEqual(
      keys.map((k) => k.secret_key_id),
      [report.key],
    );
    const after = await stored(made.id);
    assert.notEqual(after.secret, before.secret);
    assert.ok(!after.secret.includes(made.secret));
    // The running sender opens it with the new key, read from the file it finds changed.
    const push = await pushed('/rotated');
    assert.ok(verifies(push.headers['x-clientele-signature'], push.body, made.secret));
  });

  it('finishes a rotation interrupted before the secrets with the key it added, not a third one', async () => {
    // A rotation killed once its key was in the file and before the secrets were moved (no document to move here).
    const added = addDataKey(TEST_DATA_KEY_FILE);
    const webhooks = (await server.db.selectFrom('webhooks').select('id').execute()).length;
    const r = await runCli(server.store.url, 'data-key', 'rotate', '--json');
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { key: number; webhooks: number; resumed: boolean };
    assert.deepEqual([report.key, report.webhooks, report.resumed], [added, webhooks, true]);
    const keys = await server.db.selectFrom('webhooks').select('secret_key_id').distinct().execute();
    assert.deepEqual(
      keys.map((k) => k.secret_key_id),
      [added],
    );
  });

  it('records why a secret that does not open at send time was not sent, sends nothing unsigned, goes on', async () => {
    // A secret sealed with a key the running server's file does not hold (a node whose key file lags behind).
    const broken = await addWebhook('/unopenable');
    const fine = await addWebhook('/opens');
    const deliveryOf = async () => {
      const r = await admin<{ items: Array<Record<string, any>> }>(
        'GET',
        `/tenants/${tenant.id}/deliveries?webhook=${broken.id}`,
      );
      assert.equal(r.status, 200, r.text);
      return r.body.items[0];
    };
    await underMissingKey(broken.id, async () => {
      // The other webhook's push goes out, signed, beside the one that cannot be signed.
      const push = await pushed('/opens');
      assert.ok(verifies(push.headers['x-clientele-signature'], push.body, fine.secret));
      const failed = await until('a failed attempt recorded', async () => {
        const delivery = await deliveryOf();
        return delivery?.attempts >= 1 ? delivery : undefined;
      });
      assert.equal(failed.status, 'pending', 'retried, as after any failed attempt');
      assert.equal(failed.last_status_code, null);
      assert.match(
        failed.last_error,
        new RegExp(
          `^the signing secret of webhook ${broken.id} does not open: .*data key 99, which .* does not hold`,
        ),
      );
      assert.ok(failed.next_attempt_at, 'a next attempt is planned');
      assert.deepEqual(receiver.pushes('/unopenable'), [], 'nothing sent, signed or not');
      assert.ok(
        logged.some((l) => l.webhook === broken.id && /cannot open the signing secret/.test(l.message)),
        JSON.stringify(logged),
      );
    });
    // With its key back, the same delivery goes out at its next attempt, signed with the secret shown at creation.
    const late = await until('the delivery once the key is back', () => receiver.pushes('/unopenable')[0]);
    assert.ok(verifies(late.headers['x-clientele-signature'], late.body, broken.secret));
    assert.equal(late.headers['x-clientele-delivery'], String((await deliveryOf())!.id));
  });

  it('refuses to start when a secret was sealed with a key the file does not hold', async () => {
    const made = await addWebhook('/missing-key');
    await underMissingKey(made.id, () =>
      assert.rejects(
        openDocumentKeys(server.db, TEST_DATA_KEY_FILE),
        /the webhook signing secrets of this store were encrypted with data key 99, which .* does not hold/,
      ),
    );
  });
});

describe('a signing secret stored in clear before migration 055', () => {
  let store: TestStore;
  let receiver: Receiver;

  before(async () => {
    [store, receiver] = await Promise.all([freshStore(undefined, false), startReceiver()]);
  });
  after(async () => {
    await receiver.close();
    await store.drop();
  });

  it('is sealed by the next start, and the pushes still verify with it', async () => {
    const { '055_webhook_secrets_sealed': sealing, ...older } = migrations;
    assert.ok(sealing, 'migration 055 exists');
    await migrateToLatest(store.db, older);
    const tenant = await tenantWithKey(store.db);
    const secret = 'whsec_storedInClearBeforeMigration055xyz';
    const { id } = await store.db
      .insertInto('webhooks')
      .values({
        tenant_id: tenant.id,
        url: receiver.url('/old'),
        format: 'clientele',
        events: JSON.stringify(['customer.created']),
        secret,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    // `serve` applies migration 055, then seals the clear secret before it listens.
    const served = await serve(store.url, WEBHOOK_ENV);
    try {
      const row = await store.db
        .selectFrom('webhooks')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      openDataKeys(TEST_DATA_KEY_FILE);
      assert.equal(row.secret_key_id, currentKeyId());
      assert.ok(!row.secret.includes('whsec_'), row.secret);
      await assertNotInStoreFiles({ store, db: store.db }, [secret]);
      const custdata = JSON.stringify({ name: 'Old', surname: 'Hook' });
      const r = await postForm(
        `${served.base}/kp/customers/add_one`,
        { custdata },
        { 'x-api-key': tenant.key },
      );
      assert.equal(r.status, 200, r.text);
      const push = await until('the push', () => receiver.pushes('/old')[0]);
      assert.ok(verifies(push.headers['x-clientele-signature'], push.body, secret));
    } finally {
      await served.stop();
    }
  });
});
