import { importInventory, validateInventory } from '../../src/core/inventory.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';
import type { Scenario } from '../scenario.ts';

export const scenarios: Scenario[] = [
  {
    name: 'zak rate values',
    // The demo hotel: rate 1 prices four products, with day values for 2026–2028.
    async seed({ db, tenant }) {
      await importInventory(db, tenant.id, validateInventory(readDemoInventory()));
    },

    async run({ load, tenant }) {
      // As the public clients send it: query parameters on a POST with an empty body, Basic auth.
      const path = '/kp/inventory/fetch_rate_values?from=1/1/2027&rate=1&n=365';
      const headers = { authorization: `Basic ${Buffer.from(`${tenant.key}:`).toString('base64')}` };
      const r = await load({ method: 'POST', path, headers, connections: 10, warmup: 2 });
      const failed = r.non2xx + r.errors;
      return [
        {
          name: 'zak fetch_rate_values (1 rate, 4 products × 365 days)',
          ...r,
          note: `10 connections${failed ? `; ${failed} failed` : ''}`,
        },
      ];
    },
  },
];
