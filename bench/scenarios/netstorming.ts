import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../src/config.ts';
import { createOwner } from '../../src/core/owners.ts';
import { hashPasswords } from '../../src/core/passwords.ts';
import { insertCustomers } from '../../src/store/customers.ts';
import { validCustomer } from '../../test/dialects/netstorming/helper.ts';
import type { Scenario } from '../scenario.ts';

const GUESTS = 100;
/** Ids of the Zak customers seeded for fetch_one (seed and run share this process). */
let guestIds: number[] = [];

function insertBody(key: string, from: number, count: number, dryRun: boolean): string {
  const customers = Array.from({ length: count }, (_, i) => validCustomer(from + i));
  return JSON.stringify({ key, owner_code: 'bench', dry_run: dryRun, customers });
}

async function timedInsert(base: string, body: string): Promise<{ seconds: number; ok: number }> {
  const started = performance.now();
  const response = await fetch(`${base}/api/customers/insert`, { method: 'POST', body });
  const reply = (await response.json()) as { results?: Array<{ customer: boolean }> };
  const seconds = (performance.now() - started) / 1000;
  return { seconds, ok: reply.results?.filter((r) => r.customer).length ?? 0 };
}

export const scenarios: Scenario[] = [
  {
    name: 'netstorming insert',
    async seed({ db, tenant }) {
      await createOwner(db, tenant.id, { code: 'bench' });
      const at = new Date().toISOString();
      const guests = Array.from({ length: GUESTS }, (_, i) => ({
        tenant_id: tenant.id,
        name: `Guest${i}`,
        surname: 'Bench',
        created_at: at,
        updated_at: at,
      }));
      await insertCustomers(db, guests);
      const rows = await db.selectFrom('customers').select('id').where('tenant_id', '=', tenant.id).execute();
      guestIds = rows.map((r) => r.id);
    },

    async run({ base, tenant, load }) {
      const dry = await timedInsert(base, insertBody(tenant.key, 0, 10_000, true));
      const real = await timedInsert(base, insertBody(tenant.key, 0, 1_000, false));
      // The KDF alone, same cost and concurrency as the server, measured here while the server idles: 200
      // hashes, scaled to the 1,000 of the insert.
      const kdfStarted = performance.now();
      await hashPasswords(Array(200).fill('secret12'), loadConfig().passwordScryptN);
      const kdfSeconds = (5 * (performance.now() - kdfStarted)) / 1000;

      const requests = guestIds.map((id) => ({
        method: 'POST' as const,
        path: '/kp/customers/fetch_one',
        headers: { 'x-api-key': tenant.key, 'content-type': 'application/x-www-form-urlencoded' },
        body: `id=${id}`,
      }));
      // The same load with nothing else running, measured just before, so that the row below can be read
      // against the machine's state at that moment.
      const idle = await load({ path: '/kp/customers/fetch_one', requests, connections: 10 });

      // fetch_one while a 10,000-item insert hashes and writes; the insert is then abandoned (the server stops
      // after its chunk in flight), so it does not weigh on the scenarios that follow.
      const abandon = new AbortController();
      const big = fetch(`${base}/api/customers/insert`, {
        method: 'POST',
        body: insertBody(tenant.key, 100_000, 10_000, false),
        signal: abandon.signal,
      }).catch(() => null);
      await sleep(1_000);
      const during = await load({ path: '/kp/customers/fetch_one', requests, connections: 10 });
      abandon.abort();
      await big;
      const failed = during.non2xx + during.errors;

      return [
        {
          name: 'netstorming dry run, 10,000 items',
          note: `${dry.seconds.toFixed(2)} s, ${dry.ok} would land (target < 1 s)`,
        },
        {
          name: 'netstorming insert, 1,000 items',
          note:
            `${real.seconds.toFixed(1)} s, ${(real.ok / real.seconds).toFixed(0)} items/s, ` +
            `scrypt alone ≈ ${kdfSeconds.toFixed(1)} s (${((100 * kdfSeconds) / real.seconds).toFixed(0)}% of it)`,
        },
        { name: 'zak fetch_one, nothing else running', ...idle },
        {
          name: 'zak fetch_one during a 10,000-item insert',
          ...during,
          // The server's CPU then goes mostly to the insert's hashing, not to these requests.
          cpuUs: undefined,
          note: `target p99 < 50 ms${failed ? `; ${failed} failed` : ''}`,
        },
      ];
    },
  },
];
