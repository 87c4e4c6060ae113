import { readFileSync } from 'node:fs';
import { insertCustomersInBulk } from '../../src/store/customer-bulk.ts';
import { PAIRED_ROUNDS, PAIRED_SECONDS, pairedRounds, pairedRows } from '../rounds.ts';
import type { BenchRow, RunContext, Scenario } from '../scenario.ts';

const CUSTOMERS = 1_000_000;
const PAGE_SIZE = 200;
// Pages are read by offset over the (tenant_id, id) index, so a deep page costs more than a shallow one: the load
// spreads over the first 100 pages (20,000 customers), the range a shop's paging client walks most.
const PAGES = 100;

const phoneOf = (i: number) => `+7 900 ${String(i).padStart(7, '0')}`;

function* customers(tenantId: number) {
  const at = new Date().toISOString();
  for (let i = 1; i <= CUSTOMERS; i++) {
    const email = `client${i}@example.ru`;
    yield {
      tenant_id: tenantId,
      name: `Имя${i}`,
      surname: `Фамилия${i}`,
      middle_name: 'Отчество',
      phone: phoneOf(i),
      phone_key: `7900${String(i).padStart(7, '0')}`,
      email,
      email_key: email,
      gender: i % 2 ? 'm' : 'f',
      birthday: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
      accumulated_sales_cents: (i % 1000) * 100,
      created_at: at,
      updated_at: at,
    };
  }
}

/** A load of pages in `format` on a server (HEAD's or the compared commit's), its first round warmed up. */
function pageLoad(run: RunContext['load'], key: string, format: 'json' | 'xml') {
  const requests = Array.from({ length: PAGES }, (_, i) => ({
    path: `/api/customer?apikey=${key}&format=${format}&page=${1 + ((i * 37) % PAGES)}&page_size=${PAGE_SIZE}`,
  }));
  return (round: number) =>
    run({
      path: requests[0]!.path,
      requests,
      connections: 10,
      duration: PAIRED_SECONDS,
      warmup: round === 0 ? 2 : 0,
    });
}

/** The pages in both formats, in rounds paired with the compared commit's (see `pairedRounds`). */
async function pageRows({ load, tenant, compared }: RunContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const format of ['json', 'xml'] as const) {
    const results = await pairedRounds(
      pageLoad(load, tenant.key, format),
      compared && pageLoad(compared.load, tenant.key, format),
      PAIRED_ROUNDS,
    );
    const name = `virtpos page of 200, ${format.toUpperCase()} (1M)`;
    rows.push(...pairedRows(name, '10 connections', results, compared?.label));
  }
  return rows;
}

function phoneLoad(ctx: RunContext) {
  // Five spellings of a phone, over customers spread through the whole table.
  const spellings = [
    (d: string) => `8${d}`,
    (d: string) => `+7 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`,
    (d: string) => d,
    (d: string) => `7 ${d}`,
    (d: string) => `8-${d.slice(0, 3)}-${d.slice(3)}`,
  ];
  const requests = Array.from({ length: 500 }, (_, i) => {
    const digits = `900${String(1 + ((i * 7919) % CUSTOMERS)).padStart(7, '0')}`;
    const phone = encodeURIComponent(spellings[i % spellings.length]!(digits));
    return { path: `/api/customer?apikey=${ctx.tenant.key}&format=json&phone=${phone}` };
  });
  return ctx.load({ path: requests[0]!.path, requests, connections: 50, warmup: 2 });
}

function rssKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
}

interface Server {
  base: string;
  pid: number;
}

/** Reads the whole unpaged listing, sampling the server's resident memory while it streams. */
async function exportRow(
  ctx: RunContext,
  server: Server,
  format: 'json' | 'xml',
  label: string,
): Promise<BenchRow> {
  const start = rssKb(server.pid, 'VmRSS');
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKb(server.pid, 'VmRSS'))), 50);
  const started = performance.now();
  let bytes = 0;
  try {
    const response = await fetch(`${server.base}/api/customer?apikey=${ctx.tenant.key}&format=${format}`);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const hwm = rssKb(server.pid, 'VmHWM');
  const mb = (kb: number) => (kb / 1024).toFixed(0);
  return {
    name: `virtpos full export ${format.toUpperCase()} (1M), ${label}`,
    peakMb: Math.max(peak, hwm) / 1024,
    note:
      `${seconds.toFixed(1)} s, ${(bytes / 1e6).toFixed(0)} MB, server RSS ${mb(start)} MB at the start, ` +
      `peak ${mb(peak)} MB (VmHWM ${mb(hwm)} MB)`,
  };
}

/**
 * The export's own memory is read on a server that does nothing else: the shared bench server has by then parsed
 * the Netstorming scenario's 30 MB bodies, and V8 keeps the heap it grew for them. Both are reported.
 */
async function exportRows(ctx: RunContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const fresh = await ctx.startServer();
  try {
    for (const format of ['json', 'xml'] as const) {
      const row = await exportRow(ctx, fresh, format, 'a server of its own');
      rows.push({ ...row, note: `${row.note}; target peak < 250 MB` });
    }
  } finally {
    await fresh.stop();
  }
  const shared = { base: ctx.base, pid: ctx.serverPid };
  for (const format of ['json', 'xml'] as const) {
    rows.push(await exportRow(ctx, shared, format, 'after the other scenarios'));
  }
  return rows;
}

const failed = (r: { non2xx: number; errors: number }) =>
  r.non2xx + r.errors ? `; ${r.non2xx + r.errors} failed` : '';

export const scenarios: Scenario[] = [
  {
    name: 'virtpos customers',
    async seed({ db, tenant }) {
      await insertCustomersInBulk(db, customers(tenant.id));
    },
    async run(ctx) {
      const pages = ctx.comparedByHead ? [] : await pageRows(ctx);
      const phone = await phoneLoad(ctx);
      return [
        ...pages,
        { name: 'virtpos phone lookup (1M)', ...phone, note: `target p99 < 5 ms${failed(phone)}` },
        ...(await exportRows(ctx)),
      ];
    },
  },
];
