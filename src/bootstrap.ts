import type { Config } from './config.ts';
import { createAdminToken } from './core/admin-tokens.ts';
import { importInventory, validateInventory } from './core/inventory.ts';
import { createApiKey, createTenant } from './core/tenants.ts';
import { readDemoInventory } from './demo-inventory.ts';
import type { Db } from './store/db.ts';
import { countTenants, lockFirstStart } from './store/tenants.ts';

export interface FirstStart {
  tenantId: number;
  key: string;
  adminToken: string;
}

/**
 * On an empty store, creates the demo tenant, its first key and a first admin token so that a fresh checkout can
 * be called at once. Later starts find a tenant and do nothing, so no secret is ever printed twice. One
 * transaction under a lock: of two processes starting together on an empty store, one creates the tenant and the
 * other finds it.
 */
export async function firstStart(db: Db): Promise<FirstStart | null> {
  return db.transaction().execute(async (trx) => {
    await lockFirstStart(trx);
    if ((await countTenants(trx)) > 0) return null;
    const tenant = await createTenant(trx, {
      name: 'Demo Hotel',
      prefix: 'DH',
      timezone: 'Europe/Rome',
      currency: 'EUR',
    });
    await importInventory(trx, tenant.id, validateInventory(readDemoInventory()));
    const { key } = await createApiKey(trx, tenant.id);
    const { token } = await createAdminToken(trx, 'first start');
    return { tenantId: tenant.id, key, adminToken: token };
  });
}

/** The secrets made at first start, one line each: a new secret is one more line here. */
function secretLines({ tenantId, key, adminToken }: FirstStart): string[] {
  return [
    `  API key of tenant ${tenantId} (every dialect):  ${key}`,
    `  Admin API token (/admin/v1, all tenants):   ${adminToken}`,
  ];
}

/**
 * The first-start banner, for a person: written to standard error as text, apart from the JSON log on standard
 * output, and never logged. Its `export` line sets the `$BASE`, `$KEY` and `$TOKEN` the README's examples use.
 */
export function firstStartMessage(created: FirstStart, config: Config): string {
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  return [
    '',
    `First start: created the demo tenant (id ${created.tenantId}) with the demo hotel.`,
    'Its secrets are shown only this once; keep them now:',
    '',
    ...secretLines(created),
    '',
    'Try it (the README continues from here):',
    `  export BASE=${base} KEY=${created.key} TOKEN=${created.adminToken}`,
    `  curl -s $BASE/kp/customers/add_one -H "x-api-key: $KEY" \\`,
    `    --data-urlencode 'custdata={"name": "Mario", "surname": "Rossi", "email": "mario@example.com", "gender": "m"}'`,
    `  curl -s $BASE/kp/customers/fetch_one -H "x-api-key: $KEY" --data-urlencode 'id=1'`,
    `  curl -s $BASE/kp/property/fetch_rooms -H "x-api-key: $KEY"`,
    `  curl -s $BASE/admin/v1/tenants -H "authorization: Bearer $TOKEN"`,
    '',
    '',
  ].join('\n');
}
