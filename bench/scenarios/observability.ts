import { closeSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow, Scenario } from '../scenario.ts';
import { fetchOneRequests, seedCustomers } from './zak-customers.ts';

/** The settings compared: the access log (at `info`, written to a file) and the metrics, each on and off. */
const SETTINGS = [
  { name: 'off', env: { ACCESS_LOG: '0', METRICS: '0' } },
  { name: 'access log', env: { ACCESS_LOG: '1', METRICS: '0' } },
  { name: 'metrics', env: { ACCESS_LOG: '0', METRICS: '1' } },
  { name: 'access log + metrics', env: { ACCESS_LOG: '1', METRICS: '1' } },
] as const;

const pct = (on: number, off: number) => `${on >= off ? '+' : ''}${(((on - off) / off) * 100).toFixed(1)}%`;

export const scenarios: Scenario[] = [
  {
    name: 'zak fetch_one, access log and metrics on vs off',
    seed: seedCustomers,
    /**
     * The same `fetch_one` load on four servers of this commit over one store, one after the other, each with its
     * JSON log written to a file as a service's would be: what the access log and the metrics cost, in CPU per
     * request and requests/s, against the server with both off (targets: ≤ 10 % and ≤ 5 %).
     */
    async run({ label, tenant, startServer }) {
      if (label !== 'HEAD') return [];
      const requests = fetchOneRequests(tenant.key);
      const dir = mkdtempSync(join(tmpdir(), 'clientele-bench-log-'));
      const rows: BenchRow[] = [];
      try {
        for (const setting of SETTINGS) {
          const file = join(dir, `${setting.name.replace(/\W+/g, '-')}.log`);
          const fd = openSync(file, 'w');
          const server = await startServer({ LOG_LEVEL: 'info', ...setting.env }, fd);
          try {
            const r = await server.load({
              path: '/kp/customers/fetch_one',
              requests,
              connections: 50,
              warmup: 2,
            });
            const off = rows[0];
            const cost =
              off?.cpuUs && r.cpuUs && off.rps
                ? `cpu ${pct(r.cpuUs, off.cpuUs)}, req/s ${pct(r.rps, off.rps)} vs off`
                : 'the reference';
            rows.push({
              name: `zak fetch_one, ${setting.name}`,
              ...r,
              note: `${cost}; log ${(statSync(file).size / 1e6).toFixed(1)} MB${r.non2xx + r.errors ? `; ${r.non2xx + r.errors} failed` : ''}`,
            });
          } finally {
            await server.stop();
            closeSync(fd);
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      return rows;
    },
  },
];
