// `node --import tsx bench/console-first-paint.ts`: how long the console's customers page takes to show its first
// rows with 1,000,000 customers in the store. Per store (BENCH_STORES=sqlite,postgres): a fresh store seeded in
// bulk, `clientele serve` pinned to core 0 as in `npm run bench`, and Debian's Chromium loading
// /console/tenants/{t}/customers in a fresh browser context per round (cold cache, token in sessionStorage), so
// each round is a first visit.
//   BENCH_CUSTOMERS=1000000  BENCH_ROUNDS=7  BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdminToken } from '../src/core/admin-tokens.ts';
import { openDataKeys } from '../src/core/data-keys.ts';
import { createTenant } from '../src/core/tenants.ts';
import { insertCustomersInBulk } from '../src/store/customer-bulk.ts';
import { launchBrowser } from '../test/browser.ts';
import { startClientele } from './processes.ts';
import { benchCustomers } from './scenarios/admin.ts';
import { benchStore } from './stores.ts';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const STORES = (process.env.BENCH_STORES ?? 'sqlite').split(',') as Array<'sqlite' | 'postgres'>;

/**
 * In the page, before any of its scripts: the time (ms since navigation start) of the first frame after the first
 * result row entered the DOM (a requestAnimationFrame, then a task: the frame with the rows has been produced).
 */
const WATCH_ROWS = `
window.__rowsShown = new Promise((resolve) => {
  const seen = () => document.querySelector('main tbody tr');
  new MutationObserver((_, observer) => {
    if (!seen()) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
  }).observe(document, { childList: true, subtree: true });
});`;

interface Round {
  /** First contentful paint (the page's frame, before the rows). */
  fcp: number;
  /** The first frame with the result rows in it. */
  rows: number;
  /** When the page sent the customers list request (the console's scripts loaded, the tenant read). */
  listStart: number;
  /** The customers list request as the browser saw it (send to last byte). */
  list: number;
}

async function measure(base: string, tenantId: number, token: string): Promise<Round[]> {
  const browser = await launchBrowser();
  const rounds: Round[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript(
        `sessionStorage.setItem('clientele.adminToken', ${JSON.stringify(token)});${WATCH_ROWS}`,
      );
      const page = await context.newPage();
      await page.goto(`${base}/console/tenants/${tenantId}/customers`);
      const round = (await page.evaluate(`(async () => {
        const rows = await window.__rowsShown;
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
        const list = performance.getEntriesByType('resource').find((e) => e.name.includes('/customers?'));
        return { fcp, rows, listStart: list ? list.startTime : NaN, list: list ? list.responseEnd - list.requestStart : NaN };
      })()`)) as Round;
      const shown = await page.locator('main tbody tr').count();
      if (shown !== 20) throw new Error(`expected a first page of 20 customers, saw ${shown}`);
      rounds.push(round);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return rounds;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (n: number) => `${n.toFixed(0)} ms`;

const keyDir = mkdtempSync(join(tmpdir(), 'clientele-bench-key-'));
process.env.DATA_KEY_FILE = join(keyDir, 'data-key.json');
openDataKeys(process.env.DATA_KEY_FILE);

for (const kind of STORES) {
  const store = await benchStore(kind, '.', POSTGRES);
  try {
    const tenant = await createTenant(store.db, { name: 'First paint', prefix: 'FP', timezone: 'UTC' });
    const { token } = await createAdminToken(store.db, 'bench');
    const seeding = performance.now();
    await insertCustomersInBulk(store.db, benchCustomers(tenant.id, CUSTOMERS));
    console.log(
      `${kind}: ${CUSTOMERS.toLocaleString('en')} customers seeded in ${ms(performance.now() - seeding)}`,
    );
    const server = await startClientele(store.url);
    try {
      const rounds = await measure(server.base, tenant.id, token);
      for (const [i, r] of rounds.entries())
        console.log(
          `  round ${i + 1}: FCP ${ms(r.fcp)}, rows shown ${ms(r.rows)}, list request sent at ${ms(r.listStart)} and answered in ${ms(r.list)}`,
        );
      console.log(
        `${kind}: first round (server just started) rows shown ${ms(rounds[0]!.rows)}; median of ${ROUNDS}: FCP ${ms(median(rounds.map((r) => r.fcp)))}, rows shown ${ms(median(rounds.map((r) => r.rows)))}, list request sent at ${ms(median(rounds.map((r) => r.listStart)))} and answered in ${ms(median(rounds.map((r) => r.list)))}`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    await store.drop();
  }
}
