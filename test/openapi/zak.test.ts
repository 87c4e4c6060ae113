import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { importInventory, validateInventory } from '../../src/core/inventory.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';
import { seedCustomers } from '../dialects/virtpos/support.ts';
import { startServer, tenantWithKey, type TestServer, type TestTenant } from '../helper.ts';
import { contractValidator, driveDocument, operations, send, type Document } from './contract.ts';

/**
 * The Zak document against the real server: the world its examples assume is a tenant with the prefix XY (the
 * vendor's reservation code XY-0001), the demo hotel, and 277 customers (the vendor's customer 277). Reservation 1
 * is made by the `new` example; the later examples use it, in the document's order.
 */
describe('Zak OpenAPI document: every example against the server', () => {
  let server: TestServer;
  let tenant: TestTenant;
  let doc: Document;

  before(async () => {
    server = await startServer();
    tenant = await tenantWithKey(server.db, 'Hotel Example', 'XY');
    await importInventory(
      server.db,
      tenant.id,
      validateInventory({ ...(readDemoInventory() as object), prefix: 'XY' }),
    );
    await seedCustomers(server.db, tenant.id, 277);
    doc = await (await fetch(`${server.base}/openapi/zak.json`)).json();
  });
  after(() => server.close());

  it('answers each example as its reply example says, in the documented shape', async () => {
    const driven = await driveDocument(server.base, doc, {
      authorize: (example) => ({ example, headers: { 'x-api-key': tenant.key } }),
      exact: (status) => status >= 400,
      succeeded: (status) => status === 200,
    });
    assert.ok(driven >= operations(doc).length);
  });

  it('answers every operation without a key with the documented 401', async () => {
    const check = contractValidator(doc);
    for (const o of operations(doc)) {
      const reply = await send(server.base, o, { name: 'nokey', query: {} });
      assert.equal(reply.status, 401, o.op.operationId);
      check.reply(o, 401, reply.media, reply.body, `${o.op.operationId} without a key`);
    }
  });

  it('takes the key as the user name of HTTP Basic', async () => {
    const [o] = operations(doc).filter((x) => x.path === '/kapi/test');
    const basic = `Basic ${Buffer.from(`${tenant.key}:`).toString('base64')}`;
    const reply = await send(server.base, o!, { name: 'basic', query: {} }, { authorization: basic });
    assert.deepEqual(reply.body, { data: 'Authentication done!' });
  });
});
