import type { AddressInfo } from 'node:net';
import { createAdminToken } from '../../src/core/admin-tokens.ts';
import { importInventory, validateInventory } from '../../src/core/inventory.ts';
import { createOwner } from '../../src/core/owners.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';
import { buildServer } from '../../src/server.ts';
import {
  postForm,
  postJson,
  startServer,
  tenantWithKey,
  type Reply,
  type TestServer,
  type TestTenant,
} from '../helper.ts';
import { adminClient, type AdminClient } from '../admin/contract.ts';
import { TEST_ENV } from '../dialects/netstorming/helper.ts';

/** A server, an admin client, and two tenants (A and B) with the demo hotel and the owner `netstorming`. */
export interface Sandboxed {
  server: TestServer;
  admin: AdminClient;
  token: string;
  a: TestTenant;
  b: TestTenant;
  zak<T = any>(tenant: TestTenant, path: string, fields?: Record<string, unknown>): Promise<Reply<T>>;
  netstorming<T = any>(tenant: TestTenant, name: string, body: Record<string, unknown>): Promise<Reply<T>>;
  virtpos(tenant: TestTenant, method: string, query?: Record<string, string>): Promise<Reply<any>>;
  close(): Promise<void>;
}

export async function startSandbox(env: Record<string, string> = {}): Promise<Sandboxed> {
  const server = await startServer({ ...TEST_ENV, ...env });
  const { token } = await createAdminToken(server.db, 'tests');
  const admin = await adminClient(server.base, token);
  const a = await tenantWithKey(server.db, 'Hotel A', 'HA');
  const b = await tenantWithKey(server.db, 'Hotel B', 'HB');
  for (const t of [a, b]) {
    await importInventory(server.db, t.id, validateInventory(readDemoInventory()));
    await createOwner(server.db, t.id, { code: 'netstorming' });
  }
  return {
    server,
    admin,
    token,
    a,
    b,
    zak: (tenant, path, fields = {}) =>
      postForm(
        `${server.base}/kp/${path}`,
        Object.fromEntries(
          Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
        ),
        { 'x-api-key': tenant.key },
      ),
    netstorming: (tenant, name, body) =>
      postJson(`${server.base}/api/customers/${name}`, {
        key: tenant.key,
        owner_code: 'netstorming',
        ...body,
      }),
    virtpos: async (tenant, method, query = {}) => {
      const qs = new URLSearchParams({ apikey: tenant.key, format: 'json', ...query });
      const response = await fetch(`${server.base}/api/customer${method ? `/${method}` : ''}?${qs}`);
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // XML
      }
      return { status: response.status, body, text, headers: response.headers };
    },
    close: () => server.close(),
  };
}

/** A second node over the same store (as another process would be): its own fault rules and journal. */
export async function secondNode(server: TestServer): Promise<{ base: string; close(): Promise<void> }> {
  const app = await buildServer({ config: server.config, db: server.db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** A booking params object for `reservations/new`. */
export const stay = (arrival: string, departure: string, name = 'Mario') => ({
  params: { arrival, departure, customer: { name, surname: 'Rossi' }, rooms: [{ room: 2 }] },
});

export async function until(check: () => Promise<boolean>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
