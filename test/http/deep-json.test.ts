import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countRows, postJson } from '../helper.ts';
import { startSandbox, type Sandboxed } from '../sandbox/support.ts';

// JSON.parse takes any depth, but every walk of a parsed value (the Idempotency-Key fingerprint, the journal's
// redaction, JSON.stringify) recurses: 10,000 nested arrays overflowed the stack, a 500 and a lost journal flush.
// The bodies are written as text: JSON.stringify of such a value overflows here too.
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const DEEP = nested(10_000);

describe('JSON nested deeper than 32 levels', () => {
  let s: Sandboxed;
  before(async () => {
    s = await startSandbox();
  });
  after(() => s.close());

  it('is a 400 in the admin API (problem+json), with or without an Idempotency-Key, and writes nothing', async () => {
    const admin = (method: string, path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${s.server.base}/admin/v1/tenants/${s.a.id}/${path}`, {
        method,
        headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json', ...headers },
        body,
      });
    const fault = await admin('POST', 'faults', `{"call": "*", "status": 503, "body": ${DEEP}}`);
    assert.equal(fault.status, 400);
    assert.match(fault.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal(((await fault.json()) as { code: string }).code, 'invalid_value');
    assert.equal(await countRows(s.server.db, 'sandbox_faults'), 0);
    const snapshot = await admin('PUT', 'snapshot', `{"format": "clientele-snapshot", "tables": ${DEEP}}`, {
      'idempotency-key': 'deep-snapshot',
    });
    assert.equal(snapshot.status, 400);
    assert.match(snapshot.headers.get('content-type') ?? '', /application\/problem\+json/);
    // 32 levels are taken: a fault's body may be any JSON a vendor could send.
    const shallow = await s.admin.call('POST', '/tenants/{tenant}/faults', {
      params: { tenant: s.a.id },
      body: { call: '*', status: 503, body: JSON.parse(nested(30)), times: 1 },
    });
    assert.equal(shallow.status, 201);
  });

  it('is a 400 in Zak and Netstorming with an Idempotency-Key, in their shapes', async () => {
    const zak = await postJson(
      `${s.server.base}/kp/customers/add_one`,
      `{"name": "Ada", "surname": "Lovelace", "x": ${DEEP}}`,
      { 'x-api-key': s.a.key, 'idempotency-key': 'deep-zak' },
    );
    assert.equal(zak.status, 400);
    assert.match((zak.body as { error: string }).error, /nested deeper than 32 levels/);
    const netstorming = await postJson(
      `${s.server.base}/api/customers/insert`,
      `{"key": "${s.a.key}", "owner_code": "netstorming", "customers": ${DEEP}}`,
      { 'idempotency-key': 'deep-netstorming' },
    );
    assert.equal(netstorming.status, 400);
    assert.equal(await countRows(s.server.db, 'customers'), 0);
  });

  it('is journaled without breaking the journal, also as JSON text inside a Zak form field', async () => {
    await s.zak(s.b, 'customers/add_one', { custdata: DEEP });
    await postJson(`${s.server.base}/kp/customers/add_one`, `{"custdata": ${DEEP}}`, {
      'x-api-key': s.b.key,
    });
    const after = await s.zak(s.b, 'customers/fetch_one', { id: '1' });
    assert.equal(after.status, 404);
    const journal = await s.admin.call('GET', '/tenants/{tenant}/requests', { params: { tenant: s.b.id } });
    assert.equal(journal.status, 200);
    // The deep JSON body is refused before its key is read (as a NUL is), so only the form's request is journaled.
    assert.deepEqual(
      journal.body.items.map((e: { call: string }) => e.call),
      ['customers/fetch_one', 'customers/add_one'],
    );
    assert.match(journal.body.items[1].reply_body, /nested deeper than 32 levels/);
  });
});
