import { importInventory, validateInventory } from '../../src/core/inventory.ts';
import { failures, interleaved, median, percent } from '../rounds.ts';
import type { BenchRow, Scenario } from '../scenario.ts';
import { benchInventory, bookingRequests } from './zak-reservations.ts';

const ROUNDS = 3;

/** Every round books its own year of stays, keyed or not: no request is refused for a room already taken. */
function bookings(tenantKey: string, year: number, keyed: boolean) {
  const headers = { 'x-api-key': tenantKey, 'content-type': 'application/x-www-form-urlencoded' };
  const requests = bookingRequests(headers, `${year}-01-01`);
  if (!keyed) return requests;
  return requests.map((r, j) => ({
    ...r,
    headers: { ...r.headers, 'idempotency-key': `bench-${year}-${j}` },
  }));
}

export const scenarios: Scenario[] = [
  {
    name: 'idempotency',
    async seed({ db, tenant }) {
      await importInventory(db, tenant.id, validateInventory(benchInventory()));
    },

    /**
     * `new` without and with an Idempotency-Key (a new key per request: every one runs and stores its reply), in
     * interleaved rounds: the target is keyed ≥ 0.9× without.
     */
    async run({ label, tenant, load }) {
      if (label !== 'HEAD') return [];
      const path = '/kp/reservations/new';
      const results = await interleaved(
        [false, true].map(
          (keyed) => (round: number) =>
            load({
              path,
              requests: bookings(tenant.key, 2030 + 2 * round + (keyed ? 1 : 0), keyed),
              connections: 10,
            }),
        ),
        ROUNDS,
      );
      const [plain, keyed] = results.map(median) as [(typeof results)[0][0], (typeof results)[0][0]];
      const failed = (i: number) => (failures(results[i]!) ? `; ${failures(results[i]!)} failed` : '');
      const rows: BenchRow[] = [
        {
          name: 'zak new, no Idempotency-Key',
          ...plain,
          note: `the reference; median of ${ROUNDS} rounds${failed(0)}`,
        },
        {
          name: 'zak new, a new Idempotency-Key each',
          ...keyed,
          note:
            `${(keyed.rps / plain.rps).toFixed(2)}× without (target ≥ 0.9), cpu ${percent(keyed.cpuUs ?? 0, plain.cpuUs ?? 1)}; ` +
            `median of ${ROUNDS} rounds${failed(1)}`,
          ratioToPlain: keyed.rps / plain.rps,
        },
      ];
      return rows;
    },
  },
];
