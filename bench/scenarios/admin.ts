import { createAdminToken } from '../../src/core/admin-tokens.ts';
import { searchKey } from '../../src/core/customers.ts';
import { insertCustomersInBulk } from '../../src/store/customer-bulk.ts';
import type { BenchRow, LoadResult, Scenario } from '../scenario.ts';
import { customerIds } from './zak-customers.ts';

const CUSTOMERS = 1_000_000;

/** The admin token of each store seeded, by its tenant's (random) API key: a commit without the admin API gets none. */
const tokens = new Map<string, string>();
/** The ids of the customers seeded, by the same key (ids are global to a store: see seededIds). */
const ids = new Map<string, number[]>();

/** `count` customers of a tenant with their lookup keys, made lazily (also the console's first-paint bench). */
export function* benchCustomers(tenantId: number, count = CUSTOMERS) {
  const at = new Date().toISOString();
  for (let i = 1; i <= count; i++) {
    const name = `Имя${i}`;
    const surname = `Фамилия${i}`;
    yield {
      tenant_id: tenantId,
      name,
      surname,
      name_key: searchKey(name),
      surname_key: searchKey(surname),
      email: `client${i}@example.ru`,
      email_key: `client${i}@example.ru`,
      created_at: at,
      updated_at: at,
    };
  }
}

const failed = (r: LoadResult) => (r.non2xx + r.errors ? `; ${r.non2xx + r.errors} failed` : '');

export const scenarios: Scenario[] = [
  {
    name: 'admin customers',
    async seed({ db, tenant }) {
      let token: string;
      try {
        token = (await createAdminToken(db, 'bench')).token;
      } catch {
        return; // a commit from before the admin API
      }
      await insertCustomersInBulk(db, benchCustomers(tenant.id));
      tokens.set(tenant.key, token);
      ids.set(tenant.key, await customerIds(db, tenant.id));
    },

    async run({ load, tenant }) {
      const token = tokens.get(tenant.key);
      if (!token) return [];
      const headers = { authorization: `Bearer ${token}` };
      const base = `/admin/v1/tenants/${tenant.id}/customers`;
      const seeded = ids.get(tenant.key)!;
      const byId = Array.from({ length: 500 }, (_, i) => ({
        path: `${base}/${seeded[(i * 7919) % seeded.length]}`,
        headers,
      }));
      // Surname prefixes matching a dozen customers each (Фамилия12345, Фамилия123450…), in any case.
      const searches = Array.from({ length: 500 }, (_, i) => ({
        path: `${base}?q=${encodeURIComponent(`фамилия${10_000 + ((i * 7919) % 89_999)}`)}&limit=20`,
        headers,
      }));
      const get = await load({ path: byId[0]!.path, requests: byId, connections: 10, warmup: 2 });
      const search = await load({ path: searches[0]!.path, requests: searches, connections: 10, warmup: 2 });
      const rows: BenchRow[] = [
        { name: 'admin GET customer by id (1M)', ...get, note: `10 connections${failed(get)}` },
        {
          name: 'admin customer search, surname prefix (1M)',
          ...search,
          note: `10 connections${failed(search)}`,
        },
      ];
      return rows;
    },
  },
];
