import { closeSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failures, fetchOneRounds, median, pairedPercent, pairedRatio, rounds } from '../rounds.ts';
import type { BenchRow, ExtraServer, Scenario } from '../scenario.ts';
import { fetchOneRequests, seedCustomers, seededIds } from './zak-customers.ts';

/** The settings compared: the access log (at `info`, written to a file) and the metrics, each on and off. */
const SETTINGS = [
  { name: 'off', env: { ACCESS_LOG: '0', METRICS: '0' } },
  { name: 'access log', env: { ACCESS_LOG: '1', METRICS: '0' } },
  { name: 'metrics', env: { ACCESS_LOG: '0', METRICS: '1' } },
  { name: 'access log + metrics', env: { ACCESS_LOG: '1', METRICS: '1' } },
] as const;

/**
 * Rounds of short loads, the four servers in turn in each: a drift of the machine's speed (other work, thermal)
 * then touches every setting alike, and the median round of each is compared rather than one run after another.
 */
const ROUNDS = rounds(7);
const SECONDS = 4;

export const scenarios: Scenario[] = [
  {
    name: 'zak fetch_one, access log and metrics on vs off',
    seed: seedCustomers,
    /**
     * The same `fetch_one` load on four servers of this commit over one store, each with its JSON log written to
     * a file as a service's would be: what the access log and the metrics cost, in CPU per request (the median of
     * interleaved rounds) and requests/s, against the server with both off (targets: ≤ 10 % and ≤ 5 %).
     */
    async run({ label, tenant, startServer }) {
      if (label !== 'HEAD') return [];
      const requests = fetchOneRequests(tenant.key, seededIds.get(tenant.key)!);
      const dir = mkdtempSync(join(tmpdir(), 'clientele-bench-log-'));
      const servers: Array<{ server: ExtraServer; fd: number; file: string }> = [];
      try {
        for (const setting of SETTINGS) {
          const file = join(dir, `${setting.name.replace(/\W+/g, '-')}.log`);
          const fd = openSync(file, 'w');
          servers.push({ server: await startServer({ LOG_LEVEL: 'info', ...setting.env }, fd), fd, file });
        }
        const results = await fetchOneRounds(
          servers.map(({ server }) => ({ load: server.load, requests })),
          ROUNDS,
          SECONDS,
        );
        const off = results[0]!;
        return servers.map((s, i): BenchRow => {
          const r = median(results[i]!);
          const failed = failures(results[i]!);
          const cost =
            i === 0
              ? 'the reference'
              : `cpu ${pairedPercent(pairedRatio(results[i]!, off, 'cpuUs'))}, ` +
                `req/s ${pairedPercent(pairedRatio(results[i]!, off, 'rps'))} vs off`;
          return {
            name: `zak fetch_one, ${SETTINGS[i]!.name}`,
            ...r,
            note: `${cost}; median of ${ROUNDS} paired rounds; log ${(statSync(s.file).size / 1e6).toFixed(1)} MB${failed ? `; ${failed} failed` : ''}`,
          };
        });
      } finally {
        for (const s of servers) {
          await s.server.stop();
          closeSync(s.fd);
        }
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
