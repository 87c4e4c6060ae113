import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, SKIP_WITHOUT_BROWSER } from '../browser.ts';
import { startSandbox, type Sandboxed } from '../sandbox/support.ts';
import { adminCaller, watch } from './support.ts';

/**
 * What a careless hand types into the console's forms and address bar, in a real Chromium: a value the browser
 * cannot read in an input of its type (a date typed in part, `5e` in a number) reads as '' there; each form says so
 * next to the field and sends nothing, rather than erasing a stored value or dropping what was typed. A token with
 * a character a header cannot carry is said to be that, not "no connection"; an id no record can have is "not
 * found". Any page error, console error or 5xx fails the suite.
 */
describe('/console forms given values the browser cannot read', { skip: SKIP_WITHOUT_BROWSER }, () => {
  let sb: Sandboxed;
  let browser: Browser;
  let page: Page;
  let customerId: number;
  const problems: string[] = [];
  const writes: string[] = [];
  const url = (path: string) => `${sb.server.base}/console${path}`;
  const heading = () => page.locator('main h1');
  const admin = (method: string, path: string, body?: unknown) => adminCaller(sb)(method, path, body);
  /** Clears the segment of a date input that has the focus, as Backspace does: the date is then typed in part. */
  const breakDate = async (input: Locator) => {
    await input.click();
    await page.keyboard.press('Backspace');
    assert.deepEqual(await input.evaluate((i: HTMLInputElement) => [i.value, i.validity.badInput]), [
      '',
      true,
    ]);
  };
  const errorOf = async (input: Locator) =>
    page.locator(`#${await input.getAttribute('id')}-error`).textContent();

  before(async () => {
    sb = await startSandbox();
    const made = await admin('POST', `/tenants/${sb.a.id}/customers`, {
      name: 'Anna',
      surname: 'Rossi',
      birthday: '1990-02-03',
    });
    assert.equal(made.status, 201);
    customerId = made.body.id;
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    watch(page, problems);
    page.on('request', (r) => {
      if (r.method() !== 'GET') writes.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
  });
  after(async () => {
    await browser?.close();
    await sb?.close();
  });

  it('refuses a token with a character a header cannot carry in words, not as "no connection"', async () => {
    await page.goto(url('/sign-in'));
    await page.getByLabel('Admin token').fill(`${sb.token.slice(0, 8)}\u200b${sb.token.slice(8)}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('this one has another character in it').waitFor();
    assert.equal(await page.getByText('could not be reached').count(), 0);
    await page.getByLabel('Admin token').fill(sb.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading().filter({ hasText: 'Tenants' }).waitFor();
  });

  it('keeps a birthday typed in part: said by its field, nothing sent, the stored day kept', async () => {
    await page.goto(url(`/tenants/${sb.a.id}/customers/${customerId}/edit`));
    const birthday = page.getByLabel('Birthday', { exact: true });
    assert.equal(await birthday.inputValue(), '1990-02-03');
    await breakDate(birthday);
    writes.length = 0;
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Nothing was saved.').waitFor();
    assert.match((await errorOf(birthday))!, /An incomplete date/);
    assert.equal(await birthday.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(writes, []);
    const stored = await admin('GET', `/tenants/${sb.a.id}/customers/${customerId}`);
    assert.equal(stored.body.birthday, '1990-02-03');
  });

  it('does not add a fault rule without the status that was typed as "5e"', async () => {
    await page.goto(url(`/tenants/${sb.a.id}/sandbox`));
    await heading().filter({ hasText: 'Sandbox' }).waitFor();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Add a fault rule' }) });
    await form.getByLabel('Call').selectOption('zak:customers/fetch_one');
    const status = form.getByLabel('Status', { exact: true });
    await status.pressSequentially('5e');
    await form.getByLabel('Latency (ms)').fill('100');
    writes.length = 0;
    await form.getByRole('button', { name: 'Add rule' }).click();
    await form.locator('.field-error', { hasText: 'Not a number' }).waitFor();
    assert.equal(await status.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(writes, []);
    assert.deepEqual((await admin('GET', `/tenants/${sb.a.id}/faults`)).body.items, []);
    // Typed in full, it is added.
    await status.fill('503');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await page.getByRole('cell', { name: 'answers 503, after 100 ms' }).waitFor();
  });

  it('leaves a filter date typed in part (reservations, occupancy) to the browser’s own check', async () => {
    // These forms are validated by the browser (no `novalidate`): the form is not submitted and Chromium says why.
    await page.goto(url(`/tenants/${sb.a.id}/reservations`));
    await heading().filter({ hasText: 'Reservations' }).waitFor();
    const from = page.getByLabel('Arrival from');
    await from.fill('2031-03-01');
    await breakDate(from);
    await page.getByRole('button', { name: 'Filter' }).click();
    assert.equal(await from.evaluate((i: HTMLInputElement) => i.matches(':invalid')), true);
    assert.equal(new URL(page.url()).search, '');

    await page.goto(url(`/tenants/${sb.a.id}/occupancy?from=2031-03-08`));
    await heading().filter({ hasText: 'Occupancy 2031-03-08' }).waitFor();
    const night = page.getByLabel('First night');
    await breakDate(night);
    await page.getByRole('button', { name: 'Show' }).click();
    assert.equal(await night.evaluate((i: HTMLInputElement) => i.matches(':invalid')), true);
    assert.equal(new URL(page.url()).searchParams.get('from'), '2031-03-08');
  });

  it('shows "not found" for an id in the URL the store cannot hold (a mistyped link), not the API’s 400', async () => {
    for (const path of [
      `/tenants/${sb.a.id}/customers/99999999999`,
      `/tenants/${sb.a.id}/reservations/0`,
      '/tenants/99999999999/customers',
      `/tenants/${sb.a.id}/customers/2147483648/edit`,
    ]) {
      await page.goto(url(path));
      await heading().filter({ hasText: 'Not found' }).waitFor();
      assert.equal(await page.getByText('Something went wrong').count(), 0, path);
    }
  });

  it('says what is wrong with an occupancy first night that is no day, or whose fortnight leaves the calendar', async () => {
    for (const [from, said] of [
      [
        '9999-12-31',
        /The fortnight from 9999-12-31 would end after 9999-12-31.*choose an earlier first night/,
      ],
      ['9999-12-19', /The fortnight from 9999-12-19 would end after 9999-12-31/],
      ['2031-02-30', /“2031-02-30” is not a day of the calendar: give the first night as YYYY-MM-DD/],
      ['0000-01-01', /“0000-01-01” is not a day of the calendar/],
      ['8 March', /“8 March” is not a day of the calendar/],
    ] as const) {
      await page.goto(url(`/tenants/${sb.a.id}/occupancy?from=${encodeURIComponent(from)}`));
      await heading()
        .filter({ hasText: /^Occupancy$/ })
        .waitFor();
      assert.match((await page.getByRole('alert').textContent())!, said, from);
      assert.equal(await page.getByText('Something went wrong').count(), 0, from);
      // The picker stays, to choose another night.
      assert.equal(await page.getByLabel('First night').inputValue(), '', from);
    }
    // The last fortnight the calendar holds is shown.
    await page.goto(url(`/tenants/${sb.a.id}/occupancy?from=9999-12-18`));
    await heading().filter({ hasText: 'Occupancy 9999-12-18 to 9999-12-31' }).waitFor();
    await page.getByRole('group', { name: 'Rooms by night' }).waitFor();
  });

  it('answers a URL with a NUL in its query with the page, which says the refusal in words', async () => {
    // The server reads nothing of a console page's query: the page hands the value to the admin API, which refuses
    // a NUL (or the value) in its problem details, and the page shows them under its own heading.
    for (const [path, title, said] of [
      [`/tenants/${sb.a.id}/customers?q=a%00`, 'Customers', /NUL character in the request/],
      [
        `/tenants/${sb.a.id}/reservations?arrival_from=%00`,
        'Reservations',
        /arrival_from: must match format/,
      ],
      [`/tenants/${sb.a.id}/occupancy?from=%00`, 'Occupancy', /“\ufffd” is not a day of the calendar/],
      [`/tenants/${sb.a.id}/webhooks?status=%00`, 'Webhooks', /status: must be equal to one of the allowed/],
      [`/tenants/${sb.a.id}/sandbox?call=%00`, 'Sandbox', /NUL character in the request/],
    ] as const) {
      const reply = await page.goto(url(path));
      assert.equal(reply!.status(), 200, path);
      assert.match(reply!.headers()['content-type']!, /^text\/html/, path);
      await heading().filter({ hasText: title }).waitFor();
      await page.getByRole('alert').filter({ hasText: said }).waitFor();
      assert.equal(await page.getByText('Something went wrong').count(), 0, path);
    }
    // The admin API itself still refuses the NUL, in its own shape.
    const api = await admin('GET', `/tenants/${sb.a.id}/customers?q=a%00`);
    assert.equal(api.status, 400);
    assert.equal(api.body.detail, 'invalid parameter: NUL character in the request');
  });

  it('keeps a search within the 200 characters the admin API takes', async () => {
    await page.goto(url(`/tenants/${sb.a.id}/customers`));
    const search = page.getByLabel('Search customers');
    const searched = page.waitForRequest((r) => new URL(r.url()).pathname.endsWith('/customers'));
    await search.fill('Rossi'.repeat(60));
    await search.press('Enter');
    assert.equal(new URL((await searched).url()).searchParams.get('q'), 'Rossi'.repeat(40));
    assert.equal((await search.inputValue()).length, 200);
    await page.getByText('No customer matches').waitFor();
    assert.equal(await page.getByRole('alert').count(), 0);
  });

  it('met no page error, console error, failed request or server error on the way', () => {
    assert.deepEqual(problems, []);
  });
});
