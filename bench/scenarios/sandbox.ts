import { failures, fetchOneRounds, median, percent } from '../rounds.ts';
import type { BenchRow, ExtraServer, Scenario } from '../scenario.ts';
import { fetchOneRequests, seedCustomers, seededIds } from './zak-customers.ts';

/** The request journal off (`JOURNAL_SIZE=0`: no hook at all) and on (the default, 1000 per tenant). */
const SETTINGS = [
  { name: 'journal off', env: { JOURNAL_SIZE: '0' } },
  { name: 'journal on', env: { JOURNAL_SIZE: '1000' } },
] as const;

const ROUNDS = 5;
const SECONDS = 4;

export const scenarios: Scenario[] = [
  {
    name: 'zak fetch_one, request journal on vs off',
    seed: seedCustomers,
    /**
     * The same `fetch_one` load on two servers of this commit over one store, access log and metrics off so that
     * only the journal differs: what journaling costs (target: on ≥ 0.9 × off in requests/s), the median of
     * interleaved rounds. Both servers run the sandbox's auth-and-faults step with no rule for the tenant; its
     * cost against the commit before it shows in `--compare` on the `zak fetch_one` rows.
     */
    async run({ label, tenant, startServer }) {
      if (label !== 'HEAD') return [];
      const requests = fetchOneRequests(tenant.key, seededIds.get(tenant.key)!);
      const servers: ExtraServer[] = [];
      try {
        for (const setting of SETTINGS)
          servers.push(await startServer({ ACCESS_LOG: '0', METRICS: '0', ...setting.env }));
        const results = await fetchOneRounds(
          servers.map((server) => ({ load: server.load, requests })),
          ROUNDS,
          SECONDS,
        );
        const off = median(results[0]!);
        return servers.map((_, i): BenchRow => {
          const r = median(results[i]!);
          const failed = failures(results[i]!);
          const cost =
            i === 0
              ? 'the reference'
              : `${(r.rps / off.rps).toFixed(2)}× req/s of off (target ≥ 0.9×), cpu ${r.cpuUs && off.cpuUs ? percent(r.cpuUs, off.cpuUs) : '?'}`;
          return {
            name: `zak fetch_one, ${SETTINGS[i]!.name}`,
            ...r,
            note: `${cost}; median of ${ROUNDS} rounds${failed ? `; ${failed} failed` : ''}`,
          };
        });
      } finally {
        for (const server of servers) await server.stop();
      }
    },
  },
];
