import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { redactUrl } from '../../src/http/redact.ts';
import { freshStore, get, tenantWithKey, type TestStore, type TestTenant } from '../helper.ts';
import { serve, type Served } from '../processes.ts';

describe('keys in the log', () => {
  let store: TestStore;
  let tenant: TestTenant;
  let node: Served;

  before(async () => {
    store = await freshStore();
    tenant = await tenantWithKey(store.db);
    node = await serve(store.url, { LOG_LEVEL: 'info' });
  });
  after(async () => {
    await node.stop();
    await store.drop();
  });

  it('a failing virtpos call logs its URL without the apikey', async () => {
    // The customers table gone under the running server: the call fails inside and its URL is logged.
    await sql`ALTER TABLE customers RENAME TO customers_away`.execute(store.db);
    try {
      const query = new URLSearchParams({ apikey: tenant.key, format: 'json', external_id: 'E1', key: 'k2' });
      const reply = await get<Record<string, unknown>>(`${node.base}/api/customer/update?${query}`);
      assert.equal(reply.status, 500, reply.text);
      assert.deepEqual(reply.body, { success: 0, info: 'Внутренняя ошибка сервера' });
    } finally {
      await sql`ALTER TABLE customers_away RENAME TO customers`.execute(store.db);
    }
    for (let i = 0; i < 50 && !node.output().includes('internal error'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const log = node.output();
    assert.match(
      log,
      /"url":"\/api\/customer\/update\?apikey=\[redacted\]&format=json&external_id=E1&key=\[redacted\]"/,
    );
    assert.ok(!log.includes(tenant.key), 'the key is nowhere in the log');
    assert.ok(!log.includes(tenant.key.slice(-12)), 'nor any part of it');
  });
});

describe('redactUrl', () => {
  it('replaces every secret parameter, whatever its case or escaping, and nothing else', () => {
    assert.equal(
      redactUrl('/api/customer/update?APIKEY=ck_1&fname=Key&%6Bey=x&admin_user_psw=p&key'),
      '/api/customer/update?APIKEY=[redacted]&fname=Key&%6Bey=[redacted]&admin_user_psw=[redacted]&key=[redacted]',
    );
    assert.equal(redactUrl('/kp/customers/add_one'), '/kp/customers/add_one');
  });
});
