import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * What went wrong in a page: uncaught errors, console errors, failed requests and 5xx replies. A 4xx the API was
 * meant to answer (a wrong token, an invalid form, a stale id) is the console's expected input; Chromium logs each
 * as "Failed to load resource", which is left out here and asserted by the tests that cause it.
 */
export function watch(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/Failed to load resource: the server responded with a status of (400|401|404|409)/.test(m.text()))
      return;
    problems.push(`console error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => {
    // A read still in flight when the test moves to another page is cancelled by the browser (the switcher's
    // tenant list runs beside each page's own request): that is the page leaving, not a failure. A cancelled
    // write, or any other failure, still counts.
    if (r.method() === 'GET' && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 500) problems.push(`${r.status()} from ${r.url()}`);
  });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core in the page (evaluated, so the console's CSP needs no exception): serious or critical violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  const found = (await page.evaluate(
    `${AXE};axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.help + ' (' + v.nodes.map((n) => n.target.join(' ')).join(', ') + ')'))`,
  )) as string[];
  return found;
}

/** No sideways scroll of the page itself (a wide grid scrolls inside its own box). */
export async function assertNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${where}: the page scrolls sideways (${scroll} > ${client})`);
}

/** Screenshots for docs/console.md, written when CONSOLE_SCREENSHOTS=1 (the images are committed when they change). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.CONSOLE_SCREENSHOTS !== '1') return;
  mkdirSync('docs/console', { recursive: true });
  await page.screenshot({ path: `docs/console/${name}.png`, fullPage: false });
}

/**
 * Waits until the customers page shows the list of the search under way: its results region is `aria-busy` from a
 * search's start until that list replaces the one shown, which may hold the same customers.
 */
export async function searched(page: Page): Promise<void> {
  await page.locator('main [aria-live="polite"]:not([aria-busy])').waitFor();
}

/**
 * The admin API called by path as a console test's setup and checks need it (`/tenants/1/customers`), with the
 * sandbox's admin token: the status, the parsed body and its text for assertion messages.
 */
export function adminCaller(sb: { server: { base: string }; token: string }) {
  return async (method: string, path: string, body?: unknown) => {
    const reply = await fetch(`${sb.server.base}/admin/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${sb.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await reply.text();
    return { status: reply.status, body: (text ? JSON.parse(text) : undefined) as any, text };
  };
}
