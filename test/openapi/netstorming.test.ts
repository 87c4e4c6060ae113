import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOwner } from '../../src/core/owners.ts';
import { SEED_KEY } from '../../src/openapi/netstorming/document.ts';
import { startServer, tenantWithKey, type TestServer, type TestTenant } from '../helper.ts';
import { driveDocument, operations, type Document } from './contract.ts';

/**
 * The Netstorming document against the real server: a tenant with the owner `netstorming`; the examples run in
 * the document's order (insert creates test0123, which the later calls use). Every reply is deterministic here,
 * so each must equal its example, besides matching its schema.
 */
describe('Netstorming OpenAPI document: every example against the server', () => {
  let server: TestServer;
  let tenant: TestTenant;

  before(async () => {
    server = await startServer({ PASSWORD_SCRYPT_N: '1024' });
    tenant = await tenantWithKey(server.db);
    await createOwner(server.db, tenant.id, { code: 'netstorming' });
  });
  after(() => server.close());

  it('answers each example exactly as its reply example says', async () => {
    const doc: Document = await (await fetch(`${server.base}/openapi/netstorming.json`)).json();
    const driven = await driveDocument(server.base, doc, {
      // The vendor's placeholder key stands for the tenant's; any other key in an example is sent as written.
      authorize: (example) => ({
        example: {
          ...example,
          body: { ...example.body, key: example.body?.key === SEED_KEY ? tenant.key : example.body?.key },
        },
      }),
      exact: () => true,
      succeeded: (status, body: any) =>
        status === 200 && (body.success === true || body.errors?.length === 0),
    });
    assert.ok(driven >= operations(doc).length);
  });
});
