import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { authenticate, createApiKey, createTenant, hashKey, revokeApiKey } from '../../src/core/tenants.ts';
import { DomainError } from '../../src/core/errors.ts';
import { freshStore, type TestStore } from '../helper.ts';

describe('tenants and keys', () => {
  let store: TestStore;
  before(async () => {
    store = await freshStore();
  });
  after(() => store.drop());

  it('creates a tenant with validated defaults', async () => {
    const tenant = await createTenant(store.db, { name: 'Hotel Paradiso' });
    assert.equal(tenant.prefix, 'HO');
    assert.equal(tenant.timezone, 'UTC');
    assert.equal(tenant.currency, 'EUR');
  });

  it('refuses a bad prefix, time zone or currency', async () => {
    for (const input of [
      { name: 'A', prefix: 'X1' },
      { name: 'A', timezone: 'Mars/Olympus' },
      { name: 'A', currency: 'EURO' },
      { name: '  ' },
    ]) {
      await assert.rejects(
        createTenant(store.db, input),
        (e: unknown) => e instanceof DomainError && e.code === 'invalid',
      );
    }
  });

  it('stores only a hash of the key, and the key selects its tenant', async () => {
    const tenant = await createTenant(store.db, { name: 'Keys', prefix: 'KY' });
    const issued = await createApiKey(store.db, tenant.id);
    const rows = await store.db
      .selectFrom('api_keys')
      .select(['prefix', 'key_hash'])
      .where('id', '=', issued.id)
      .execute();
    assert.equal(rows[0]?.key_hash, hashKey(issued.key));
    assert.ok(!JSON.stringify(rows).includes(issued.key));
    // The scope carries the tenant's country (RU by default), whose rules read phone numbers.
    assert.deepEqual(await authenticate(store.db, issued.key), {
      tenantId: tenant.id,
      keyId: issued.id,
      country: 'RU',
    });
  });

  it('rejects missing, unknown and revoked keys', async () => {
    const tenant = await createTenant(store.db, { name: 'Revoked', prefix: 'RV' });
    const issued = await createApiKey(store.db, tenant.id);
    // Verified once, so the key is in the short-lived cache that revocation must clear.
    await authenticate(store.db, issued.key);
    await revokeApiKey(store.db, issued.prefix);
    for (const key of [undefined, '', 'ck_unknown', issued.key]) {
      await assert.rejects(
        authenticate(store.db, key),
        (e: unknown) => e instanceof DomainError && e.code === 'unauthorized',
      );
    }
    await assert.rejects(
      revokeApiKey(store.db, issued.prefix),
      (e: unknown) => e instanceof DomainError && e.code === 'not_found',
    );
  });

  it('cannot issue a key for a missing tenant', async () => {
    await assert.rejects(
      createApiKey(store.db, 999999),
      (e: unknown) => e instanceof DomainError && e.code === 'not_found',
    );
  });
});
