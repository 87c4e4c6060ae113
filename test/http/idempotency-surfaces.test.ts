import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { currentKeyId } from '../../src/core/data-keys.ts';
import { openDocumentKeys } from '../../src/core/document-keys.ts';
import { createAdminToken } from '../../src/core/admin-tokens.ts';
import { createOwner } from '../../src/core/owners.ts';
import { createApiKey } from '../../src/core/tenants.ts';
import { startKeyPurge } from '../../src/ops/idempotency-purge.ts';
import {
  countRows,
  startServer,
  TEST_DATA_KEY_FILE,
  tenantWithKey,
  type TestServer,
  type TestTenant,
  silentLog,
} from '../helper.ts';
import { validCustomer } from '../dialects/netstorming/helper.ts';
import { assertNotInStoreFiles } from '../store-files.ts';

/**
 * Idempotency-Key on a write of each surface other than Zak (test/dialects/zak/idempotency.test.ts): a repeat is
 * replayed byte for byte and writes nothing, another request with the key is a 422 in the surface's shape.
 */
let server: TestServer;
let tenant: TestTenant;

interface Sent {
  status: number;
  text: string;
  headers: Headers;
}

async function send(method: string, path: string, body: string | undefined, headers: Record<string, string>) {
  const response = await fetch(`${server.base}${path}`, { method, headers, body });
  return { status: response.status, text: await response.text(), headers: response.headers } as Sent;
}

function assertReplayed(first: Sent, again: Sent) {
  assert.equal(again.status, first.status);
  assert.equal(again.text, first.text);
  assert.equal(again.headers.get('content-type'), first.headers.get('content-type'));
  assert.equal(first.headers.get('idempotent-replayed'), null);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
}

before(async () => {
  server = await startServer({ PASSWORD_SCRYPT_N: '1024' });
  tenant = await tenantWithKey(server.db);
  await createOwner(server.db, tenant.id, { code: 'netstorming' });
});
after(() => server.close());

describe('Netstorming insert with an Idempotency-Key', () => {
  const insert = (key: string, code: number) =>
    send(
      'POST',
      '/api/customers/insert',
      JSON.stringify({ key: tenant.key, owner_code: 'netstorming', customers: [validCustomer(code)] }),
      { 'content-type': 'application/json', 'idempotency-key': key },
    );

  it('replays the same batch and inserts once; another batch with the key is a 422 in its shape', async () => {
    const first = await insert('ns-1', 1);
    assert.equal(first.status, 200, first.text);
    const again = await insert('ns-1', 1);
    assertReplayed(first, again);
    assert.equal(await countRows(server.db, 'agencies'), 1);
    const other = await insert('ns-1', 2);
    assert.equal(other.status, 422);
    assert.deepEqual(JSON.parse(other.text).errors, [
      { 'line/index': 0, errors: ['idempotency key reused with a different request'] },
    ]);
    assert.equal(await countRows(server.db, 'agencies'), 1);
  });

  it('refuses a bad key with a 400 in its shape', async () => {
    const r = await insert('x'.repeat(256), 3);
    assert.equal(r.status, 400);
    assert.match(JSON.parse(r.text).errors[0].errors[0], /Idempotency-Key/);
  });
});

describe('virtpos insertCard with an Idempotency-Key', () => {
  let owner: number;
  // uid is read from the query only (a "get only" parameter); customer_id from either.
  const insertCard = (key: string, uid: string, inQuery = false) => {
    const form = new URLSearchParams({ customer_id: String(owner) });
    const query = new URLSearchParams({
      apikey: tenant.key,
      format: 'json',
      uid,
      ...(inQuery ? Object.fromEntries(form) : {}),
    });
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': key };
    return send('POST', `/api/customer/insertCard?${query}`, inQuery ? '' : form.toString(), headers);
  };

  before(async () => {
    const created = await send(
      'POST',
      `/api/customer/update?${new URLSearchParams({ apikey: tenant.key, format: 'json', create_if_not_exist: '1' })}`,
      new URLSearchParams({ fname: 'Карл', lname: 'Картов' }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    owner = JSON.parse(created.text).id;
  });

  it('replays the same card (sent in the query the second time) and creates it once', async () => {
    const first = await insertCard('vp-1', '400638133393');
    assert.equal(JSON.parse(first.text).success, 1, first.text);
    const again = await insertCard('vp-1', '400638133393', true);
    assertReplayed(first, again);
    assert.equal(await countRows(server.db, 'discount_cards'), 1);
  });

  it('stores a refusal (success 0) and replays it', async () => {
    const refused = await insertCard('vp-2', '400638133393');
    assert.equal(JSON.parse(refused.text).success, 0);
    assertReplayed(refused, await insertCard('vp-2', '400638133393'));
  });

  it('answers another card with the key with a 422, success 0', async () => {
    const r = await insertCard('vp-1', '999');
    assert.equal(r.status, 422);
    assert.equal(JSON.parse(r.text).success, 0);
    assert.equal(await countRows(server.db, 'discount_cards'), 1);
  });
});

describe('admin API writes with an Idempotency-Key', () => {
  let token: string;
  const admin = (method: string, path: string, body: unknown, key?: string) =>
    send(method, `/admin/v1${path}`, body === undefined ? undefined : JSON.stringify(body), {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(key === undefined ? {} : { 'idempotency-key': key }),
    });

  before(async () => {
    token = (await createAdminToken(server.db, 'tests')).token;
  });

  it('creates a customer once and replays the 201', async () => {
    const before = await countRows(server.db, 'customers');
    const first = await admin(
      'POST',
      `/tenants/${tenant.id}/customers`,
      { name: 'Ada', surname: 'L' },
      'ad-1',
    );
    assert.equal(first.status, 201, first.text);
    const again = await admin(
      'POST',
      `/tenants/${tenant.id}/customers`,
      { surname: 'L', name: 'Ada' },
      'ad-1',
    );
    assertReplayed(first, again);
    assert.equal(await countRows(server.db, 'customers'), before + 1);
  });

  it("stores a reply that shows a customer's documents sealed, and replays it in clear", async () => {
    const created = await admin('POST', `/tenants/${tenant.id}/customers`, { name: 'Ida', surname: 'D' });
    const id = (JSON.parse(created.text) as { id: number }).id;
    const docdata = {
      doc_type: 'p',
      doc_country: 'IT',
      doc_number: 'YK3141592',
      doc_issue: '01/01/2020',
      doc_expiry: '01/01/2030',
    };
    const up = await send(
      'POST',
      '/kp/customers/upload_docdata',
      new URLSearchParams({ id: String(id), docdata: JSON.stringify(docdata) }).toString(),
      { 'x-api-key': tenant.key, 'content-type': 'application/x-www-form-urlencoded' },
    );
    assert.equal(up.status, 200, up.text);
    const first = await admin('PATCH', `/tenants/${tenant.id}/customers/${id}`, { city: 'Roma' }, 'ad-doc');
    assert.equal(first.status, 200, first.text);
    assert.ok(first.text.includes('YK3141592'), first.text);
    assertReplayed(
      first,
      await admin('PATCH', `/tenants/${tenant.id}/customers/${id}`, { city: 'Roma' }, 'ad-doc'),
    );
    const stored = await server.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', 'ad-doc')
      .executeTakeFirstOrThrow();
    assert.ok(!stored.body.includes('YK3141592') && !stored.body.includes('Roma'), stored.body);
    assert.equal(stored.body_key_id, currentKeyId());
    // A reply stored before replies were sealed (migration 054) is replayed as it is.
    await server.db
      .updateTable('idempotency_keys')
      .set({ body: first.text, body_key_id: null })
      .where('key', '=', 'ad-doc')
      .execute();
    assertReplayed(
      first,
      await admin('PATCH', `/tenants/${tenant.id}/customers/${id}`, { city: 'Roma' }, 'ad-doc'),
    );
    await server.db
      .updateTable('idempotency_keys')
      .set({ body: stored.body, body_key_id: stored.body_key_id })
      .where('key', '=', 'ad-doc')
      .execute();
    await assertNotInStoreFiles(server, ['YK3141592']);
    // A reply sealed with a key the file lacks stops a server's start with a clear error, as a document does.
    await server.db
      .updateTable('idempotency_keys')
      .set({ body_key_id: 99 })
      .where('key', '=', 'ad-doc')
      .execute();
    await assert.rejects(
      openDocumentKeys(server.db, TEST_DATA_KEY_FILE),
      /the replies stored under an Idempotency-Key of this store were encrypted with data key 99, which .* does not hold/,
    );
    await server.db
      .updateTable('idempotency_keys')
      .set({ body_key_id: stored.body_key_id })
      .where('key', '=', 'ad-doc')
      .execute();
  });

  it('answers another request with the key with a 422 problem', async () => {
    const r = await admin('POST', `/tenants/${tenant.id}/customers`, { name: 'Bob', surname: 'L' }, 'ad-1');
    assert.equal(r.status, 422);
    assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(JSON.parse(r.text).code, 'idempotency_key_reused');
  });

  it('replays a 404 problem and a 204', async () => {
    const missing = await admin('DELETE', `/tenants/${tenant.id}/cards/999999`, undefined, 'ad-2');
    assert.equal(missing.status, 404);
    assertReplayed(missing, await admin('DELETE', `/tenants/${tenant.id}/cards/999999`, undefined, 'ad-2'));
    const { id } = await createApiKey(server.db, tenant.id);
    const gone = await admin('DELETE', `/tenants/${tenant.id}/keys/${id}`, undefined, 'ad-3');
    assert.equal(gone.status, 204);
    assertReplayed(gone, await admin('DELETE', `/tenants/${tenant.id}/keys/${id}`, undefined, 'ad-3'));
  });

  it('refuses the key on calls whose reply shows a secret once (keys, webhooks), storing nothing', async () => {
    const keys = await countRows(server.db, 'api_keys');
    const r = await admin('POST', `/tenants/${tenant.id}/keys`, undefined, 'ad-4');
    assert.equal(r.status, 400);
    assert.equal(JSON.parse(r.text).code, 'idempotency_key_unsupported');
    assert.equal(await countRows(server.db, 'api_keys'), keys);
    const hook = await admin(
      'POST',
      `/tenants/${tenant.id}/webhooks`,
      { url: 'https://example.com/x' },
      'ad-5',
    );
    assert.equal(hook.status, 400);
    const stored = await server.db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('key', 'in', ['ad-4', 'ad-5'])
      .execute();
    assert.deepEqual(stored, []);
  });

  it('keeps keys of calls that name no tenant (creating one) apart from every tenant', async () => {
    const first = await admin('POST', '/tenants', { name: 'Keyed' }, 'ad-6');
    assert.equal(first.status, 201, first.text);
    assertReplayed(first, await admin('POST', '/tenants', { name: 'Keyed' }, 'ad-6'));
    const row = await server.db
      .selectFrom('idempotency_keys')
      .select('tenant_id')
      .where('key', '=', 'ad-6')
      .executeTakeFirst();
    assert.equal(row?.tenant_id, 0);
  });
});

describe('the background purge of expired keys', () => {
  it('deletes expired keys and keeps live ones', async () => {
    const row = (key: string, expires: string) => ({
      tenant_id: tenant.id,
      key,
      fingerprint: 'f',
      call: 'POST /x',
      status: 200,
      headers: '{}',
      body: '',
      created_at: '2000-01-01T00:00:00.000Z',
      expires_at: expires,
    });
    await server.db
      .insertInto('idempotency_keys')
      .values([row('purge-old', '2000-01-02T00:00:00.000Z'), row('purge-live', '2999-01-01T00:00:00.000Z')])
      .execute();
    const purge = startKeyPurge(server.db, { ...silentLog, error: () => assert.fail('purge failed') });
    await purge.stop();
    const left = await server.db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('key', 'in', ['purge-old', 'purge-live'])
      .execute();
    assert.deepEqual(left, [{ key: 'purge-live' }]);
  });
});
