// `npm run bench [-- NAME…]`: every scenario (or those whose name contains one of NAME) on each store, each hot
// endpoint reported next to a bare Fastify route measured in the same run.
//   BENCH_STORES=sqlite,postgres   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres   BENCH_DURATION=10
import { mkdirSync, writeFileSync } from 'node:fs';
import { createApiKey, createTenant } from '../src/core/tenants.ts';
import { freshStore } from '../test/helper.ts';
import { load } from './load.ts';
import { startBare, startClientele } from './processes.ts';
import type { BenchRow, BenchTenant, Scenario } from './scenario.ts';
import { scenarios as netstorming } from './scenarios/netstorming.ts';
import { scenarios as virtpos } from './scenarios/virtpos.ts';
import { scenarios as zakCustomers } from './scenarios/zak-customers.ts';
import { scenarios as zakReservations } from './scenarios/zak-reservations.ts';

const ALL: Scenario[] = [...zakCustomers, ...zakReservations, ...netstorming, ...virtpos];

type Store = 'sqlite' | 'postgres';
interface Line extends BenchRow {
  store: Store;
  ratio?: number;
}

async function measureBare(): Promise<BenchRow> {
  const bare = await startBare();
  try {
    const r = await load(bare.base, { method: 'POST', path: '/bare', connections: 50, warmup: 2 }, bare.pid);
    return { name: 'bare Fastify route', rps: r.rps, cpuUs: r.cpuUs, p50: r.p50, p99: r.p99 };
  } finally {
    await bare.stop();
  }
}

async function runStore(store: Store, selected: Scenario[]): Promise<Line[]> {
  const admin = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const scratch = await freshStore(store === 'postgres' ? admin : undefined);
  const lines: Line[] = [];
  try {
    const tenants = new Map<Scenario, BenchTenant>();
    for (const scenario of selected) {
      const t = await createTenant(scratch.db, { name: scenario.name, prefix: 'BN', timezone: 'UTC' });
      const issued = await createApiKey(scratch.db, t.id);
      const tenant = { id: t.id, key: issued.key, keyId: issued.id };
      tenants.set(scenario, tenant);
      const started = Date.now();
      await scenario.seed?.({ db: scratch.db, tenant, store });
      console.error(`[${store}] seeded ${scenario.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const bare = await measureBare();
    lines.push({ ...bare, store, ratio: 1 });
    const server = await startClientele(scratch.url);
    try {
      for (const scenario of selected) {
        const tenant = tenants.get(scenario) as BenchTenant;
        const ctx = {
          base: server.base,
          databaseUrl: scratch.url,
          tenant,
          store,
          serverPid: server.pid,
          load: (o: Parameters<typeof load>[1]) => load(server.base, o, server.pid),
        };
        for (const row of await scenario.run(ctx)) {
          lines.push({ ...row, store, ratio: row.rps && bare.rps ? row.rps / bare.rps : undefined });
        }
      }
    } finally {
      await server.stop();
    }
  } finally {
    await scratch.drop();
  }
  return lines;
}

const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '' : n.toFixed(digits));

function print(lines: Line[]) {
  const header = ['store', 'scenario', 'req/s', 'ratio', 'cpu µs/req', 'p50 ms', 'p99 ms', 'note'];
  const rows = lines.map((l) => [
    l.store,
    l.name,
    fmt(l.rps),
    fmt(l.ratio, 2),
    fmt(l.cpuUs),
    fmt(l.p50, 1),
    fmt(l.p99, 1),
    l.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const row of [header, ...rows])
    console.log(
      row
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
}

const filters = process.argv.slice(2);
const selected = ALL.filter((s) => filters.length === 0 || filters.some((f) => s.name.includes(f)));
const stores = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',') as Store[];
for (const store of stores) {
  if (store !== 'sqlite' && store !== 'postgres') throw new Error(`BENCH_STORES: unknown store "${store}"`);
}
const lines: Line[] = [];
for (const store of stores) lines.push(...(await runStore(store, selected)));
print(lines);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify(lines, null, 2));
