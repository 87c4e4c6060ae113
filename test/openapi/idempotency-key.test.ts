import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from '../helper.ts';

type Operation = { parameters?: Array<{ name: string; in: string }> };

/** The admin document lists the Idempotency-Key header on every write but those that refuse it (docs/idempotency.md). */
describe('admin.json: Idempotency-Key', () => {
  let server: TestServer;
  let paths: Record<string, Record<string, Operation>>;
  before(async () => {
    server = await startServer();
    paths = (await (await fetch(`${server.base}/openapi/admin.json`)).json()).paths;
  });
  after(() => server.close());

  it('is a header parameter of every POST, PUT, PATCH and DELETE except preview, keys and webhooks creation', () => {
    const keyless = [
      'post /tenants/{tenant}/inventory/preview',
      'post /tenants/{tenant}/keys',
      'post /tenants/{tenant}/webhooks',
    ];
    const writes = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => ({ name: `${method} ${path}`, op })),
    );
    assert.ok(writes.length >= 19, `${writes.length} writes`);
    for (const { name, op } of writes) {
      const listed = (op.parameters ?? []).some((p) => p.name === 'Idempotency-Key' && p.in === 'header');
      assert.equal(listed, !keyless.includes(name), name);
    }
  });

  it("is a header parameter of every vendor write and of no read (Zak's fetch_/get_/test, virtpos' listing)", async () => {
    const isRead: Record<string, (path: string, method: string) => boolean> = {
      zak: (path) => /\/(fetch_|get_)[^/]*$|\/test$/.test(path),
      netstorming: () => false,
      virtpos: (path) => path === '/api/customer',
    };
    for (const [name, read] of Object.entries(isRead)) {
      const doc = await (await fetch(`${server.base}/openapi/${name}.json`)).json();
      let writes = 0;
      for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
        for (const [method, op] of Object.entries(ops)) {
          const listed = (op.parameters ?? []).some((p) => p.name === 'Idempotency-Key' && p.in === 'header');
          assert.equal(listed, !read(path, method), `${name} ${method} ${path}`);
          if (listed) writes++;
        }
      }
      assert.ok(writes >= 4, `${name}: ${writes} writes`);
    }
  });
});
