import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, SKIP_WITHOUT_BROWSER } from '../browser.ts';
import { startSandbox, type Sandboxed } from '../sandbox/support.ts';
import { assertNoSidewaysScroll, axeViolations, screenshot, watch } from './support.ts';

/**
 * The console's Sandbox page in a real Chromium over a real server: the journal updates live, a fault rule added
 * in the form makes a real Zak call fail and deleted lets it through, the clock and a reset with confirmation.
 * Any page error, console error, failed request or 5xx fails the suite (support.ts, `watch`).
 */
describe('/console sandbox page in a browser', { skip: SKIP_WITHOUT_BROWSER }, () => {
  let sb: Sandboxed;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const url = (path: string) => `${sb.server.base}/console${path}`;
  const heading = () => page.locator('main h1');
  const journal = () => page.locator('table.journal');
  const fetchOne = () => sb.zak(sb.a, 'customers/fetch_one', { id: '1' });

  before(async () => {
    sb = await startSandbox();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    watch(page, problems);
    await page.goto(url(`/tenants/${sb.a.id}/sandbox`));
    await page.getByLabel('Admin token').fill(sb.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading().filter({ hasText: 'Sandbox' }).waitFor();
  });
  after(async () => {
    await browser?.close();
    await sb?.close();
  });

  it('shows a Zak call in the journal without a reload, its bodies on demand, and filters by status', async () => {
    await page.getByText('No requests yet').waitFor();
    const made = await sb.zak(sb.a, 'customers/add_one', {
      custdata: { name: '<b>Ada</b>', surname: 'Lovelace' },
    });
    assert.equal(made.status, 200, made.text);
    // Another tenant's call never shows here.
    await sb.zak(sb.b, 'customers/fetch_one', { id: '1' });
    const row = journal().locator('tbody tr:not(.bodies)');
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    assert.match((await row.first().textContent())!, /zak:customers\/add_one.*POST.*200/);
    await page.getByRole('button', { name: /^Bodies of request/ }).click();
    const bodies = journal().locator('tr.bodies:not([hidden])');
    // The markup is shown as characters, and the key never reaches the page.
    await bodies.getByText('<b>Ada</b>', { exact: false }).first().waitFor();
    assert.equal(await bodies.locator('b').count(), 0);
    assert.doesNotMatch((await page.content())!, new RegExp(sb.a.key));
    // The opened row stays open across the next polls.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.equal(await journal().locator('tr.bodies:not([hidden])').count(), 1);
    await screenshot(page, 'sandbox-1280');
    await page.getByRole('search').getByLabel('Status').fill('503');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No request matches these filters.').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('status'), '503');
  });

  it('adds a fault rule (its refusals next to the fields) that makes Zak fetch_one answer 503, then deletes it', async () => {
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Add a fault rule' }) });
    await form.getByLabel('Call').selectOption('zak:customers/fetch_one');
    await form.getByLabel('Status', { exact: true }).fill('503');
    await form.getByLabel('Probability').fill('2');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await form.locator('.field-error', { hasText: 'probability must be a number from 0 to 1' }).waitFor();
    assert.equal(await form.getByLabel('Probability').getAttribute('aria-invalid'), 'true');
    await form.getByLabel('Probability').fill('');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await page.getByText(/^Rule \d+ added\.$/).waitFor();
    await page.getByRole('cell', { name: 'answers 503' }).waitFor();
    const faulted = await fetchOne();
    assert.equal(faulted.status, 503);
    // The faulted call appears in the filtered journal (status 503) without a reload.
    await journal().getByText('zak:customers/fetch_one').waitFor();
    await page.getByRole('button', { name: /^Delete rule/ }).click();
    await page.getByText(/^Rule \d+ deleted\.$/).waitFor();
    await page.getByText('No fault rules').waitFor();
    assert.notEqual((await fetchOne()).status, 503);
  });

  it('sets the clock to a day and shows it, then goes back to the real clock', async () => {
    await page.getByLabel('Day', { exact: true }).fill('2030-01-20');
    await page.getByRole('button', { name: 'Set day' }).click();
    await page.getByText('pinned to 2030-01-20').waitFor();
    await page.locator('.facts dd', { hasText: /^2030-01-20$/ }).waitFor();
    const { body: clock } = await sb.admin.call('GET', '/tenants/{tenant}/clock', {
      params: { tenant: sb.a.id },
    });
    assert.equal(clock.tenant_today, '2030-01-20');
    await page.getByLabel('Offset in days').fill('1.5');
    await page.getByRole('button', { name: 'Set offset' }).click();
    await page.getByText('A whole number of days.').waitFor();
    await page.getByRole('button', { name: 'Back to the real clock' }).click();
    await page.getByText('the real clock', { exact: true }).waitFor();
  });

  it('resets the tenant only after a confirmation', async () => {
    const before = await sb.zak(sb.a, 'customers/fetch_one', { id: '1' });
    assert.equal(before.status, 200, before.text);
    await page.getByRole('button', { name: 'Reset tenant' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    assert.equal(
      (await sb.zak(sb.a, 'customers/fetch_one', { id: '1' })).body.data?.main_info?.name,
      '<b>Ada</b>',
    );
    await page.getByRole('button', { name: 'Reset tenant' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
    await page.getByText('The tenant was reset.').waitFor();
    const after = await sb.zak(sb.a, 'customers/fetch_one', { id: '1' });
    assert.notEqual(after.body.data?.main_info?.name, '<b>Ada</b>');
  });

  it('saves a snapshot as a file', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download snapshot' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `tenant-${sb.a.id}-snapshot.json`);
    const { readFile } = await import('node:fs/promises');
    const snap = JSON.parse(await readFile((await download.path())!, 'utf8'));
    assert.equal(snap.format, 'clientele-snapshot');
    assert.equal(snap.complete, true);
  });

  it('clears the journal after a confirmation, and stops polling once the page is left', async () => {
    await page.goto(url(`/tenants/${sb.a.id}/sandbox`));
    await journal().waitFor();
    await page.getByRole('button', { name: 'Clear journal' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Clear' }).click();
    await page.getByText('Journal cleared.').waitFor();
    await page.getByText('No requests yet').waitFor();
    await page.getByRole('link', { name: 'Customers' }).click();
    await heading().filter({ hasText: 'Customers' }).waitFor();
    let polled = 0;
    page.on('request', (r) => {
      if (r.url().includes('/requests')) polled++;
    });
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    assert.equal(polled, 0);
  });

  it('passes axe, fits 390 px in the light and the dark scheme, and works with the keyboard', async () => {
    await sb.zak(sb.a, 'customers/fetch_one', { id: '1' });
    await page.goto(url(`/tenants/${sb.a.id}/sandbox`));
    await journal().waitFor();
    assert.deepEqual(await axeViolations(page), []);
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const small = await phone.newPage();
    watch(small, problems);
    await small.goto(url('/sign-in'));
    await small.getByLabel('Admin token').fill(sb.token);
    await small.getByRole('button', { name: 'Sign in' }).click();
    await small.locator('main h1').filter({ hasText: 'Tenants' }).waitFor();
    await small.goto(url(`/tenants/${sb.a.id}/sandbox`));
    await small.locator('table.journal').waitFor();
    await small
      .getByRole('button', { name: /^Bodies of request/ })
      .first()
      .click();
    await assertNoSidewaysScroll(small, 'sandbox');
    await screenshot(small, 'sandbox-390');
    await small.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await axeViolations(small), [], 'sandbox (dark)');
    await screenshot(small, 'sandbox-390-dark');
    // Keyboard: Tab reaches a row's button, Enter opens its bodies.
    await small.emulateMedia({ colorScheme: 'light' });
    await small
      .getByRole('button', { name: /^Bodies of request/ })
      .first()
      .click();
    await small
      .getByRole('button', { name: /^Bodies of request/ })
      .first()
      .focus();
    await small.keyboard.press('Enter');
    assert.equal(
      await small
        .getByRole('button', { name: /^Bodies of request/ })
        .first()
        .getAttribute('aria-expanded'),
      'true',
    );
    await phone.close();
  });

  it('met no page error, console error, failed request or server error on the way', () => {
    assert.deepEqual(problems, []);
  });
});
