import type { Config } from './config.ts';
import { importInventory, validateInventory } from './core/inventory.ts';
import { createAdminToken } from './core/admin-tokens.ts';
import { createApiKey, createTenant } from './core/tenants.ts';
import { readDemoInventory } from './demo-inventory.ts';
import type { Db } from './store/db.ts';
import { countTenants } from './store/tenants.ts';

export interface FirstStart {
  tenantId: number;
  key: string;
  adminToken: string;
}

/**
 * On an empty store, creates the demo tenant and its first key so that a fresh checkout can be called at once.
 * Later starts find a tenant and do nothing, so no secret is ever printed twice.
 */
export async function firstStart(db: Db): Promise<FirstStart | null> {
  if ((await countTenants(db)) > 0) return null;
  const tenant = await createTenant(db, {
    name: 'Demo Hotel',
    prefix: 'DH',
    timezone: 'Europe/Rome',
    currency: 'EUR',
  });
  await importInventory(db, tenant.id, validateInventory(readDemoInventory()));
  const { key } = await createApiKey(db, tenant.id);
  const { token } = await createAdminToken(db, 'first start');
  return { tenantId: tenant.id, key, adminToken: token };
}

export function firstStartMessage({ tenantId, key, adminToken }: FirstStart, config: Config): string {
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  return [
    '',
    `First start: created the demo tenant (id ${tenantId}) and its API key. It is shown only this once:`,
    '',
    `  ${key}`,
    '',
    'and an admin API token (for /admin/v1 and the tools built on it), also shown only this once:',
    '',
    `  ${adminToken}`,
    '',
    'Try it:',
    `  curl -s ${base}/kp/customers/add_one -H 'x-api-key: ${key}' \\`,
    `    --data-urlencode 'custdata={"name": "Mario", "surname": "Rossi", "email": "mario@example.com", "gender": "m"}'`,
    `  curl -s ${base}/kp/customers/fetch_one -H 'x-api-key: ${key}' --data-urlencode 'id=1'`,
    `  curl -s ${base}/kp/property/fetch_rooms -H 'x-api-key: ${key}'`,
    `  curl -s ${base}/kp/reservations/new -H 'x-api-key: ${key}' \\`,
    `    --data-urlencode 'params={"arrival": "20/01/2030", "departure": "23/01/2030", "customer": {"name": "Anna", "surname": "Bianchi"}, "rooms": [{"room_type": 1}]}'`,
    `  curl -s ${base}/admin/v1/tenants -H 'authorization: Bearer ${adminToken}'`,
    '',
  ].join('\n');
}
