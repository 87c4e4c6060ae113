// `npm run bench [-- NAME…] [--compare REF]`: every scenario (or those whose name contains one of NAME) on each
// store, the server pinned to core 0 and wrk to core 1, beside the floors measured in the same run; with
// --compare, the same scenarios on commit REF too, interleaved, each commit on a store of its own.
//   BENCH_STORES=sqlite,postgres   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres   BENCH_DURATION=10
//   BENCH_ROUNDS=7 (the interleaved rounds of the rows that compare settings of one commit, and of fetch_one with
//   the minimal lookup: 5 unless given)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDataKeys } from '../src/core/data-keys.ts';
import { createApiKey, createTenant } from '../src/core/tenants.ts';
import { checkout, type Checkout } from './compare.ts';
import { copySeeded } from './copy-seed.ts';
import { ensureWrk, load } from './load.ts';
import { pinPostgres } from './pin.ts';
import { startBare, startClientele, startRaw, type Running } from './processes.ts';
import { printReport, type Line } from './report.ts';
import type { BenchRow, BenchTenant, LoadOptions, RunContext, Scenario } from './scenario.ts';
import { scenarios as admin } from './scenarios/admin.ts';
import { scenarios as guestData } from './scenarios/guest-data.ts';
import { scenarios as idempotency } from './scenarios/idempotency.ts';
import { scenarios as netstorming } from './scenarios/netstorming.ts';
import { scenarios as observability } from './scenarios/observability.ts';
import { scenarios as sandbox } from './scenarios/sandbox.ts';
import { scenarios as virtpos } from './scenarios/virtpos.ts';
import { scenarios as webhooks } from './scenarios/webhooks.ts';
import { scenarios as zakCustomers } from './scenarios/zak-customers.ts';
import { scenarios as zakRates } from './scenarios/zak-rates.ts';
import { scenarios as zakReservations } from './scenarios/zak-reservations.ts';
import { benchStore, type BenchStore } from './stores.ts';

const ALL: Scenario[] = [
  ...zakCustomers,
  ...observability,
  ...sandbox,
  ...zakReservations,
  ...zakRates,
  ...netstorming,
  ...virtpos,
  ...admin,
  ...webhooks,
  ...guestData,
  ...idempotency,
];
type Store = 'sqlite' | 'postgres';
interface Target {
  label: string;
  tree: string;
}

async function floor(name: string, start: () => Promise<Running>, path: string): Promise<BenchRow> {
  const server = await start();
  try {
    const r = await load(server.base, { method: 'POST', path, connections: 50, warmup: 2 }, server.pid);
    return { name, rps: r.rps, cpuUs: r.cpuUs, p50: r.p50, p99: r.p99 };
  } finally {
    await server.stop();
  }
}

interface Prepared {
  target: Target;
  store: BenchStore;
  tenants: Map<Scenario, BenchTenant>;
}

/**
 * A store for the commit, with a tenant per scenario, each seeded before any server starts. A compared commit's
 * store, migrated by that commit, gets HEAD's seeded rows copied in (`seededBy`): the same data, ids and keys.
 */
async function prepare(
  kind: Store,
  target: Target,
  selected: Scenario[],
  seededBy?: Prepared,
): Promise<Prepared> {
  const admin = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const store = await benchStore(kind, target.tree, admin);
  if (seededBy) {
    const started = Date.now();
    await copySeeded(kind, seededBy.store.url, store.url);
    console.error(
      `[${kind} ${target.label}] copied HEAD's seeds in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    if (kind === 'sqlite') await compact(store, target);
    return { target, store, tenants: seededBy.tenants };
  }
  const tenants = new Map<Scenario, BenchTenant>();
  for (const scenario of selected) {
    const t = await createTenant(store.db, { name: scenario.name, prefix: 'BN', timezone: 'UTC' });
    const issued = await createApiKey(store.db, t.id);
    const tenant = { id: t.id, key: issued.key, keyId: issued.id };
    tenants.set(scenario, tenant);
    const started = Date.now();
    await scenario.seed?.({ db: store.db, tenant, store: kind });
    console.error(
      `[${kind} ${target.label}] seeded ${scenario.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  if (kind === 'sqlite') await compact(store, target);
  return { target, store, tenants };
}

/**
 * The seeded SQLite file rebuilt table by table (VACUUM) and its WAL emptied, for each commit's store alike. Left
 * as the seeds wrote it, HEAD's file had its tables' and indexes' pages interleaved, while a compared commit's,
 * filled by copy-seed.ts table by table, did not: a difference between the commits' stores that is not the
 * commits' own. (It was a suspect for HEAD's bookings at 0.58× on a store that also held the virtpos million,
 * 1.01× on one seeded with the reservations alone; with both files rebuilt they measured 0.67×, so it was not the
 * cause: docs/benchmarks.md.)
 */
async function compact(store: BenchStore, target: Target): Promise<void> {
  const started = Date.now();
  await sql`vacuum`.execute(store.db);
  const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(truncate)`.execute(store.db);
  if (rows[0]?.busy) console.error(`[sqlite ${target.label}] the WAL could not be emptied: a reader held it`);
  console.error(`[sqlite ${target.label}] compacted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function context(
  kind: Store,
  p: Prepared,
  server: Running,
  scenario: Scenario,
  pairing: Pick<RunContext, 'compared' | 'comparedByHead'>,
): RunContext {
  return {
    ...pairing,
    label: p.target.label,
    base: server.base,
    databaseUrl: p.store.url,
    tenant: p.tenants.get(scenario)!,
    store: kind,
    serverPid: server.pid,
    load: (o) => load(server.base, o, server.pid),
    startServer: async (env = {}, stdout) => {
      const extra = await startClientele(p.store.url, p.target.tree, env, stdout);
      return { ...extra, load: (o) => load(extra.base, o, extra.pid) };
    },
  };
}

async function runStore(kind: Store, selected: Scenario[], targets: Target[]): Promise<Line[]> {
  const release = kind === 'postgres' ? pinPostgres() : () => {};
  const prepared: Prepared[] = [];
  const servers: Running[] = [];
  const lines: Line[] = [];
  try {
    for (const target of targets) prepared.push(await prepare(kind, target, selected, prepared[0]));
    lines.push({
      ...(await floor('raw node:http, fixed JSON', startRaw, '/')),
      store: kind,
      target: 'floor',
    });
    lines.push({ ...(await floor('bare Fastify route', startBare, '/bare')), store: kind, target: 'floor' });
    for (const p of prepared) servers.push(await startClientele(p.store.url, p.target.tree));
    const other = servers[1];
    const compared = other && {
      label: prepared[1]!.target.label,
      load: (o: LoadOptions) => load(other.base, o, other.pid),
    };
    for (const scenario of selected) {
      // Interleaved per scenario, so that a drift of the machine's speed weighs on both commits alike; the rows
      // judged against the compared commit are measured by HEAD's run on both servers, in paired rounds.
      for (const [i, p] of prepared.entries()) {
        const pairing = i === 0 ? { compared } : { comparedByHead: true };
        for (const row of await scenario.run(context(kind, p, servers[i]!, scenario, pairing))) {
          lines.push({ ...row, store: kind, target: row.target ?? p.target.label });
        }
      }
    }
  } finally {
    for (const server of servers) await server.stop();
    for (const p of prepared) await p.store.drop();
    release();
  }
  return lines;
}

const { values, positionals } = parseArgs({
  options: { compare: { type: 'string' } },
  allowPositionals: true,
});
// A word selects the scenarios whose name contains it; `=name` the one scenario of exactly that name.
const selects = (name: string, word: string) =>
  word.startsWith('=') ? name === word.slice(1) : name.includes(word);
const selected = ALL.filter((s) => positionals.length === 0 || positionals.some((f) => selects(s.name, f)));
const stores = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',') as Store[];
for (const store of stores) {
  if (store !== 'sqlite' && store !== 'postgres') throw new Error(`BENCH_STORES: unknown store "${store}"`);
}
ensureWrk();
// One data key file for the run, in the environment every server and command of the bench inherits: the seeds
// seal documents with it, the servers open them, `data-key rotate` adds to it.
const keyDir = mkdtempSync(join(tmpdir(), 'clientele-bench-key-'));
process.env.DATA_KEY_FILE = join(keyDir, 'data-key.json');
openDataKeys(process.env.DATA_KEY_FILE);
const compared: Checkout | undefined = values.compare ? checkout(values.compare) : undefined;
const targets: Target[] = [{ label: 'HEAD', tree: '.' }, ...(compared ? [compared] : [])];
const lines: Line[] = [];
try {
  for (const store of stores) lines.push(...(await runStore(store, selected, targets)));
} finally {
  compared?.remove();
  rmSync(keyDir, { recursive: true, force: true });
}
printReport(lines, compared?.label);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify({ compared: compared?.label, lines }, null, 2));
