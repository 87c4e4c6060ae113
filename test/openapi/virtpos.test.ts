import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedCustomers } from '../dialects/virtpos/support.ts';
import { startServer, tenantWithKey, type TestServer, type TestTenant } from '../helper.ts';
import { driveDocument, operations, type Document } from './contract.ts';

/**
 * The virtpos document against the real server: a tenant with two customers (phones +7 900 0000001 and …02); the
 * examples run in the document's order. XML replies are read into the tree their schema describes.
 */
describe('virtpos OpenAPI document: every example against the server', () => {
  let server: TestServer;
  let tenant: TestTenant;

  before(async () => {
    server = await startServer();
    tenant = await tenantWithKey(server.db);
    await seedCustomers(server.db, tenant.id, 2, { phones: true });
  });
  after(() => server.close());

  it('answers each example as its reply example says, in XML or JSON', async () => {
    const doc: Document = await (await fetch(`${server.base}/openapi/virtpos.json`)).json();
    const success = (body: any) => String(body.success);
    const driven = await driveDocument(server.base, doc, {
      authorize: (example) => ({ example: { ...example, query: { apikey: tenant.key, ...example.query } } }),
      exact: (_status, body) => success(body) === '0',
      succeeded: (status, body) => status === 200 && success(body) === '1',
    });
    assert.ok(driven >= operations(doc).length);
  });
});
