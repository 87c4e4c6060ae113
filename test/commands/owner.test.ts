import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshStore, runCli, tenantWithKey, type TestStore } from '../helper.ts';

describe('clientele owner', () => {
  let store: TestStore;
  let tenantId: number;
  const cli = (...args: string[]) => runCli(store.url, 'owner', ...args);

  before(async () => {
    store = await freshStore();
    tenantId = (await tenantWithKey(store.db)).id;
  });
  after(() => store.drop());

  it('creates an owner and lists it, as JSON on request', async () => {
    const created = await cli('create', '--tenant', String(tenantId), '--code', 'netstorming', '--json');
    assert.equal(created.code, 0, created.stderr);
    const owner = JSON.parse(created.stdout) as { id: number; tenant_id: number; code: string; name: string };
    assert.deepEqual([owner.tenant_id, owner.code, owner.name], [tenantId, 'netstorming', 'netstorming']);
    const listed = await cli('list', '--tenant', String(tenantId), '--json');
    assert.deepEqual(
      (JSON.parse(listed.stdout) as Array<{ code: string }>).map((o) => o.code),
      ['netstorming'],
    );
  });

  it('refuses a malformed code or a missing flag with exit code 2, a duplicate or an unknown tenant with 1', async () => {
    const cases: Array<[string[], RegExp, number]> = [
      [['--tenant', String(tenantId), '--code', 'netstorming'], /already exists/, 1],
      [['--tenant', String(tenantId), '--code', 'no'], /owner code must be 3 to 12/, 2],
      [['--tenant', '999', '--code', 'abc'], /tenant 999 not found/, 1],
      [['--code', 'abc'], /--tenant is required/, 2],
    ];
    for (const [args, message, code] of cases) {
      const r = await cli('create', ...args);
      assert.equal(r.code, code, args.join(' '));
      assert.match(r.stderr, message);
    }
  });

  it('lists owners as a table with headers', async () => {
    const [header, row] = (await cli('list', '--tenant', String(tenantId))).stdout.trimEnd().split('\n');
    assert.match(header!, /^ID +TENANT +CODE +NAME$/);
    assert.match(row!, new RegExp(`^\\d+ +${tenantId} +netstorming +netstorming$`));
  });
});
