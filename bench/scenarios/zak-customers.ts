import { insertCustomers } from '../../src/store/customers.ts';
import type { Db } from '../../src/store/db.ts';
import { load as loadOn } from '../load.ts';
import { failures, fetchOneRounds, median, pairedRatio, rounds } from '../rounds.ts';
import { startMinimalLookup } from '../processes.ts';
import type { BenchRow, LoadOptions, LoadResult, RunContext, Scenario, SeedContext } from '../scenario.ts';

const ROUNDS = rounds(5);
const SECONDS = 4;

/**
 * `fetch_one` against the minimal hand-written lookup (the calibration floor) with the same requests, in
 * interleaved rounds: the target is their ratio, and on a machine whose speed swings from minute to minute two
 * loads taken one after the other can differ by a third. Each row is its median round; the ratio is the median of
 * the per-round ratios (rounds.ts).
 */
async function againstMinimal(
  load: RunContext['load'],
  sqlitePath: string,
  requests: LoadOptions['requests'],
): Promise<BenchRow[]> {
  const minimal = await startMinimalLookup(sqlitePath);
  try {
    const [head, floor] = await fetchOneRounds(
      [
        { load, requests },
        { load: (o) => loadOn(minimal.base, o, minimal.pid), requests },
      ],
      ROUNDS,
      SECONDS,
    );
    const ratio = pairedRatio(head!, floor!, 'rps');
    return [
      fetchOneRow(
        median(head!),
        failures(head!),
        `; ${ratio.toFixed(2)}× the minimal lookup, median of ${ROUNDS} paired rounds`,
        ratio,
      ),
      {
        name: 'minimal Fastify+SQLite lookup',
        ...median(floor!),
        note: `calibration: no auth, no tenant, no documents; median of ${ROUNDS} rounds`,
      },
    ];
  } finally {
    await minimal.stop();
  }
}

function fetchOneRow(r: LoadResult, failed: number, more = '', toMinimal?: number): BenchRow {
  return {
    name: 'zak fetch_one (10k customers)',
    ...r,
    ...(toMinimal !== undefined && { ratioToMinimal: toMinimal }),
    note: `target ≥ 0.75× the minimal lookup, p99 < 10 ms at 50 connections${more}${failed ? `; ${failed} failed` : ''}`,
  };
}

/**
 * The same load on a server of two processes, which run on both cores while wrk shares the second: on two cores
 * the load generator, not Clientele, bounds this ratio.
 */
async function withTwoWorkers(
  start: RunContext['startServer'],
  requests: LoadOptions['requests'],
): Promise<BenchRow> {
  const server = await start({ WORKERS: '2' });
  try {
    const r = await server.load({ path: '/kp/customers/fetch_one', requests, connections: 50, warmup: 2 });
    return {
      name: 'zak fetch_one (10k customers), WORKERS=2',
      ...r,
      note: 'server on both cores, wrk on core 1 too',
    };
  } finally {
    await server.stop();
  }
}

const CUSTOMERS = 10_000;

/** 10,000 customers in the tenant, the table `fetch_one` reads. */
export async function seedCustomers({ db, tenant }: SeedContext): Promise<void> {
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
  seededIds.set(tenant.key, await customerIds(db, tenant.id));
}

/**
 * The customer ids each scenario's tenant was seeded with, by the tenant's (random) API key. Ids are global to a
 * store, so a tenant seeded after another scenario's does not start at 1.
 */
export const seededIds = new Map<string, number[]>();

/** The ids of the tenant's customers, oldest first. */
export async function customerIds(db: Db, tenantId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('customers')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** `fetch_one` requests spread over the customers `ids`, so the numbers are not those of one cached row. */
export function fetchOneRequests(key: string, ids: number[]): NonNullable<LoadOptions['requests']> {
  return Array.from({ length: 500 }, (_, i) => ({
    method: 'POST' as const,
    path: '/kp/customers/fetch_one',
    headers: { 'x-api-key': key, 'content-type': 'application/x-www-form-urlencoded' },
    body: `id=${ids[(i * 7919) % ids.length]}`,
  }));
}

export const scenarios: Scenario[] = [
  {
    name: 'zak fetch_one',
    seed: seedCustomers,
    async run({ load, tenant, databaseUrl, store, label, startServer }) {
      const requests = fetchOneRequests(tenant.key, seededIds.get(tenant.key)!);
      const rows: BenchRow[] =
        label === 'HEAD' && store === 'sqlite'
          ? await againstMinimal(load, databaseUrl.slice('sqlite:'.length), requests)
          : await fetchOneRounds([{ load, requests }], ROUNDS, SECONDS).then(([r]) => [
              fetchOneRow(median(r!), failures(r!), `; median of ${ROUNDS} rounds`),
            ]);
      if (label !== 'HEAD') return rows;
      rows.push(await withTwoWorkers(startServer, requests));
      return rows;
    },
  },
];
