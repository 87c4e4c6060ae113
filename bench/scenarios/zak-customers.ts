import { insertCustomers } from '../../src/store/customers.ts';
import type { Scenario } from '../scenario.ts';

const CUSTOMERS = 10_000;

export const scenarios: Scenario[] = [
  {
    name: 'zak fetch_one',
    async seed({ db, tenant }) {
      const at = new Date().toISOString();
      const rows = Array.from({ length: CUSTOMERS }, (_, i) => ({
        tenant_id: tenant.id,
        name: `Name${i}`,
        surname: `Surname${i}`,
        email: `guest${i}@example.com`,
        email_key: `guest${i}@example.com`,
        phone: `+39 333 ${String(i).padStart(7, '0')}`,
        phone_key: `39333${String(i).padStart(7, '0')}`,
        country: 'IT',
        birthday: '1980-05-17',
        created_at: at,
        updated_at: at,
      }));
      await insertCustomers(db, rows);
    },
    async run({ load, tenant }) {
      // Spread over the whole table so the numbers are not those of one cached row.
      const requests = Array.from({ length: 500 }, (_, i) => ({
        method: 'POST' as const,
        path: '/kp/customers/fetch_one',
        headers: { 'x-api-key': tenant.key, 'content-type': 'application/x-www-form-urlencoded' },
        body: `id=${1 + ((i * 7919) % CUSTOMERS)}`,
      }));
      const r = await load({ path: '/kp/customers/fetch_one', requests, connections: 50 });
      const errors = r.non2xx + r.errors;
      return [
        {
          name: 'zak fetch_one (10k customers)',
          ...r,
          note: `target ratio ≥ 0.4, p99 < 10 ms${errors ? `; ${errors} failed` : ''}`,
        },
      ];
    },
  },
];
