import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAdminToken, revokeAdminToken } from '../../src/core/admin-tokens.ts';
import { setDoorCodes } from '../../src/core/doors.ts';
import { addExtra } from '../../src/core/extras.ts';
import { addMeal } from '../../src/core/meals.ts';
import { addNote } from '../../src/core/notes.ts';
import { pay } from '../../src/core/payments.ts';
import { createTenant } from '../../src/core/tenants.ts';
import { importInventory, validateInventory } from '../../src/core/inventory.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';
import {
  postForm,
  startServer,
  tenantWithKey,
  type TestServer,
  type TestTenant,
  silentLog,
} from '../helper.ts';
import { startSender } from '../../src/events/sender.ts';
import { startReceiver, WEBHOOK_ENV } from '../webhooks/support.ts';
import { launchBrowser, SKIP_WITHOUT_BROWSER } from '../browser.ts';
import { assertNoSidewaysScroll, axeViolations, screenshot, searched, watch } from './support.ts';

/**
 * The console at /console in a real headless Chromium over a real server and a fresh store: every flow the issue
 * names, its bad input, phone width, keyboard alone, the dark scheme and an accessibility check. Any page error,
 * console error, failed request or 5xx fails the suite (support.ts, `watch`).
 */
const XSS_NAME = '<script>alert("x")</script> Ёлка';
const XSS_SURNAME = `O'Brien "Иванов" <b>bold</b>`;

describe('/console in a browser', { skip: SKIP_WITHOUT_BROWSER }, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token: string;
  let hotel: TestTenant;
  let customerId: number;
  const problems: string[] = [];

  const url = (path: string) => `${server.base}/console${path}`;
  const zak = async (path: string, fields: Record<string, string>) => {
    const reply = await postForm<{ data: any; error?: string }>(`${server.base}${path}`, fields, {
      'x-api-key': hotel.key,
    });
    assert.equal(reply.status, 200, reply.text);
    return reply.body.data;
  };
  const heading = () => page.locator('main h1');
  const signIn = async (p: Page, value: string) => {
    await p.getByLabel('Admin token').fill(value);
    await p.getByRole('button', { name: 'Sign in' }).click();
  };

  before(async () => {
    server = await startServer(WEBHOOK_ENV);
    token = (await createAdminToken(server.db, 'console tests')).token;
    hotel = await tenantWithKey(server.db, 'Hotel Sole', 'HS');
    await importInventory(server.db, hotel.id, validateInventory(readDemoInventory()));
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    watch(page, problems);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refuses a wrong token with a message on the form, then signs in with the right one', async () => {
    await page.goto(url(`/tenants/${hotel.id}/customers`));
    await page.getByLabel('Admin token').waitFor();
    await screenshot(page, 'sign-in-1280');
    await signIn(page, 'cat_wrong');
    await page.getByText('This admin token was not accepted').waitFor();
    assert.equal(await page.getByLabel('Admin token').getAttribute('aria-invalid'), 'true');
    await signIn(page, token);
    // Back to the deep link it was asked for.
    await heading().filter({ hasText: 'Customers' }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/console/tenants/${hotel.id}/customers`);
    await page.getByText('This tenant has no customers yet').waitFor();
  });

  it('creates a tenant, then adds an API key shown once with a copy button, and revokes it', async () => {
    await page.getByRole('link', { name: 'Tenants', exact: true }).click();
    await heading().filter({ hasText: 'Tenants' }).waitFor();
    await page.getByRole('button', { name: 'Create tenant' }).click();
    await page.getByText('Enter a name.').waitFor();
    await page.getByLabel('Name').fill('Shop Луна');
    await page.getByLabel('Prefix').fill('L1');
    await page.getByRole('button', { name: 'Create tenant' }).click();
    await page.getByText('Two letters, such as HS.').waitFor();
    await page.getByLabel('Prefix').fill('LU');
    await page.getByLabel('Time zone').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Create tenant' }).click();
    // The API's own refusal, in words next to the field.
    await page.locator('.field-error', { hasText: /time ?zone/i }).waitFor();
    await page.getByLabel('Time zone').fill('Europe/Moscow');
    await page.getByRole('button', { name: 'Create tenant' }).click();
    await heading().filter({ hasText: 'Shop Луна' }).waitFor();
    await page.getByText('This tenant has no API keys').waitFor();
    await screenshot(page, 'tenant-1280');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
    await page.getByRole('button', { name: 'Create API key' }).click();
    const key = (await page.locator('code.secret').textContent())!;
    assert.match(key, /^ck_/);
    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.getByText('Copied.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key);
    // The key works on a vendor surface…
    const works = await postForm(`${server.base}/kp/customers/fetch_one`, { id: '1' }, { 'x-api-key': key });
    assert.notEqual(works.status, 401);
    // …until it is revoked, after a confirmation.
    await page.getByRole('button', { name: /^Revoke key/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByText(/revoked \d{4}-/).waitFor();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const refused = await postForm(
      `${server.base}/kp/customers/fetch_one`,
      { id: '1' },
      { 'x-api-key': key },
    );
    assert.equal(refused.status, 401);
    // A reload shows the key list again, and never the key.
    await page.reload();
    await heading().filter({ hasText: 'Shop Луна' }).waitFor();
    assert.equal(await page.locator('code.secret').count(), 0);
  });

  it('finds a customer made through Zak add_one by a phone written differently, and shows markup as text', async () => {
    const made = await zak('/kp/customers/add_one', {
      custdata: JSON.stringify({
        name: XSS_NAME,
        surname: XSS_SURNAME,
        email: 'elka@example.org',
        phone: '+7 912 345-67-89',
      }),
    });
    customerId = Number(made.id ?? made);
    assert.ok(customerId > 0, JSON.stringify(made));
    await page.goto(url(`/tenants/${hotel.id}/customers`));
    await page.getByLabel('Search customers').fill('+7 (912) 345 67 89');
    const result = page.getByRole('link', { name: `${XSS_NAME} ${XSS_SURNAME}` });
    // Debounced: the URL takes the search once typing pauses, and the list follows it.
    await page.waitForURL(/q=%2B7\+%28912%29/);
    await searched(page);
    await result.waitFor();
    assert.equal(await page.locator('tbody tr').count(), 1);
    await page.getByLabel('Search customers').fill('nobody-here@example.org');
    await page.getByText('No customer matches “nobody-here@example.org”').waitFor();
    await page.getByLabel('Search customers').fill("o'bri");
    await page.waitForURL(/q=o%27bri/);
    await searched(page);
    await result.waitFor();
    await screenshot(page, 'customers-1280');
    await page.getByLabel('Search customers').fill('ELKA@example.org');
    await page.waitForURL(/q=ELKA/);
    await searched(page);
    await result.click();
    await heading().filter({ hasText: XSS_NAME }).waitFor();
    assert.equal(await heading().textContent(), `${XSS_NAME} ${XSS_SURNAME}`);
    // Nothing of it became markup.
    assert.equal(await page.locator('main script, main b').count(), 0);
    await page.getByText('No reservations: this customer has neither booked nor stayed.').waitFor();
    await screenshot(page, 'customer-1280');
  });

  it('edits a customer: wrong values get messages by their fields and nothing is sent; the change shows in Zak', async () => {
    await page.getByRole('link', { name: 'Edit customer' }).click();
    await page.getByLabel('E-mail', { exact: true }).waitFor();
    const sent: string[] = [];
    const onRequest = (r: { method(): string; url(): string }) => {
      if (r.method() === 'PATCH') sent.push(r.url());
    };
    page.on('request', onRequest);
    await page.getByLabel('Surname', { exact: true }).fill('');
    await page.getByLabel('E-mail', { exact: true }).fill('not an e-mail');
    await page.getByLabel('Birthday', { exact: true }).fill('2999-01-01');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Nothing was saved.').waitFor();
    const errorOf = async (label: string) => {
      const id = (await page.getByLabel(label, { exact: true }).getAttribute('id'))!;
      return page.locator(`#${id}-error`).textContent();
    };
    assert.equal(await errorOf('Surname'), 'Required: it cannot be empty.');
    assert.match((await errorOf('E-mail'))!, /Not an e-mail/);
    assert.match((await errorOf('Birthday'))!, /future/);
    assert.deepEqual(sent, []);
    await screenshot(page, 'customer-edit-1280');
    // A value only the server refuses (a country code that does not exist) comes back by its field too.
    await page.getByLabel('Surname', { exact: true }).fill('Рыбакова');
    await page.getByLabel('E-mail', { exact: true }).fill('elka@example.org');
    await page.getByLabel('Birthday', { exact: true }).fill('1990-02-03');
    await page.getByLabel('Country', { exact: true }).fill('QQ');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Some fields need a change').waitFor();
    assert.notEqual(await errorOf('Country'), '');
    assert.equal(sent.length, 1);
    await page.getByLabel('Country', { exact: true }).fill('IT');
    await page.getByLabel('City', { exact: true }).fill('Рим');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await heading().filter({ hasText: 'Рыбакова' }).waitFor();
    page.off('request', onRequest);
    const fetched = await zak('/kp/customers/fetch_one', { id: String(customerId) });
    const text = JSON.stringify(fetched);
    assert.match(text, /Рыбакова/);
    assert.match(text, /Рим/);
  });

  let code: string;
  let reservationId: number;
  it('shows a stay booked through Zak new in the occupancy grid, its details, and cancels it from the console', async () => {
    const booked = await zak('/kp/reservations/new', {
      params: JSON.stringify({
        arrival: '10/03/2031',
        departure: '13/03/2031',
        customer: { name: 'Grid', surname: 'Guest' },
        rooms: [{ room: 2, room_type: 1, price: 100, currency: 'EUR', adults: 2 }],
      }),
    });
    code = JSON.stringify(booked).match(/[A-Z]{2}-\d{4}/)![0];
    await page.goto(url(`/tenants/${hotel.id}/occupancy?from=2031-03-08`));
    const bar = page.getByRole('link', {
      name: new RegExp(`Reservation ${code}, room 2, 2031-03-10 to 2031-03-13, confirmed`),
    });
    await bar.waitFor();
    // Three nights wide: the 10th, 11th and 12th of the fortnight starting on the 8th.
    assert.equal(await bar.evaluate((el) => (el as HTMLElement).style.gridColumn), '4 / span 3');
    await screenshot(page, 'occupancy-1280');
    await page.getByRole('link', { name: 'Reservations', exact: true }).click();
    await page.getByLabel('Arrival from').fill('2031-03-01');
    await page.getByLabel('Arrival to').fill('2031-03-31');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/arrival_from=2031-03-01/);
    await page.getByRole('link', { name: code }).waitFor();
    await screenshot(page, 'reservations-1280');
    // What was booked and recorded on it besides the rooms.
    const listed = await fetch(
      `${server.base}/admin/v1/tenants/${hotel.id}/reservations?arrival_from=2031-03-10&arrival_to=2031-03-10`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const found = ((await listed.json()) as { items: Array<{ id: number; rooms: Array<{ id: number }> }> })
      .items[0]!;
    reservationId = found.id;
    const scope = { tenantId: hotel.id, keyId: hotel.keyId };
    await addMeal(server.db, scope, reservationId, {
      priceCents: 4_000,
      mtype: 'd',
      mnumber: 2,
      times: 1,
      day: '2031-03-11',
    });
    await addExtra(server.db, scope, reservationId, {
      name: 'Parking <b>"П"</b>',
      number: 1,
      daily: false,
      day: '2031-03-12',
      priceCents: 1_550,
    });
    await pay(
      server.db,
      scope,
      { id: reservationId },
      { value: '120.25', pay_type: 'card', remarks: 'deposit' },
    );
    await addNote(server.db, scope, { id: reservationId }, 'Late arrival <script>x</script>, ёлка');
    await setDoorCodes(server.db, scope, { id: reservationId }, [
      { reservationRoomId: found.rooms[0]!.id, code: '4711#' },
    ]);
    await page.getByRole('link', { name: code }).click();
    await heading().filter({ hasText: code }).waitFor();
    const sectionOf = (name: string) => page.locator('section', { has: page.getByRole('heading', { name }) });
    await sectionOf('Rooms and guests').getByRole('cell', { name: '4711#' }).waitFor();
    await sectionOf('Meals').getByRole('cell', { name: 'dinner' }).waitFor();
    await sectionOf('Meals').getByRole('cell', { name: '40.00 EUR' }).waitFor();
    await sectionOf('Extras').getByRole('cell', { name: 'Parking <b>"П"</b>' }).waitFor();
    await sectionOf('Payments').getByRole('cell', { name: '120.25 EUR' }).waitFor();
    await sectionOf('Notes').getByText('Late arrival <script>x</script>, ёлка').waitFor();
    assert.equal(await page.locator('main script, main b').count(), 0);
    // The question first; Cancel leaves it as it was.
    await page.getByRole('button', { name: 'Cancel reservation' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel', exact: true }).click();
    assert.equal(await page.getByRole('dialog').count(), 0);
    await page.getByText('Confirmed').first().waitFor();
    await screenshot(page, 'reservation-1280');
    await page.getByRole('button', { name: 'Cancel reservation' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel reservation' }).click();
    await page.getByText('Cancel reservation: done.').waitFor();
    await page.locator('dd', { hasText: 'Cancelled' }).waitFor();
    const after = await zak('/kp/reservations/fetch_one_reservation', { rcode: code });
    assert.match(JSON.stringify(after), /Cancelled/i);
    // The freed nights leave the grid.
    await page.goto(url(`/tenants/${hotel.id}/occupancy?from=2031-03-08`));
    await heading().filter({ hasText: 'Occupancy 2031-03-08' }).waitFor();
    assert.equal(await page.locator('.bar').count(), 0);
  });

  it('issues a card, refuses a duplicate by its field; a new owner has no agencies yet', async () => {
    await page.goto(url(`/tenants/${hotel.id}/cards`));
    await page.getByText('No discount cards yet').waitFor();
    await page.getByLabel('Card number (uid)').fill('2000000000008');
    await page.getByLabel('Holder (customer id)').fill(String(customerId));
    await page.getByRole('button', { name: 'Issue card' }).click();
    await page.getByText('Card 2000000000008 issued.').waitFor();
    await page.getByRole('cell', { name: '2000000000008', exact: true }).waitFor();
    await page.getByLabel('Card number (uid)').fill('2000000000008');
    await page.getByRole('button', { name: 'Issue card' }).click();
    await page.locator('.message.error').waitFor();
    await page.getByLabel('Holder (customer id)').fill('abc');
    await page.getByRole('button', { name: 'Issue card' }).click();
    await page.getByText('A customer id: digits only.').waitFor();
    await page.getByRole('button', { name: 'Block card 2000000000008' }).click();
    await page.getByRole('cell', { name: 'BLOCKED' }).waitFor();
    await screenshot(page, 'cards-1280');

    const owner = await fetch(`${server.base}/admin/v1/tenants/${hotel.id}/owners`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'tour_op', name: 'Tour Op' }),
    });
    assert.equal(owner.status, 201);
    await page.goto(url(`/tenants/${hotel.id}/agencies`));
    await page.getByText('No agencies yet').waitFor();
  });

  it('creates an agency from the console: blanks and the server’s refusals by their fields, then disables it', async () => {
    await page.goto(url(`/tenants/${hotel.id}/agencies`));
    await page.getByText('No agencies yet').waitFor();
    const sent: string[] = [];
    const onRequest = (r: { method(): string; url(): string }) => {
      if (r.method() === 'POST') sent.push(r.url());
    };
    page.on('request', onRequest);
    await page.getByRole('button', { name: 'Create agency' }).click();
    await page.getByText('Nothing was sent.').waitFor();
    assert.deepEqual(sent, []);
    const errorOf = async (label: string) => {
      const id = (await page.getByLabel(label, { exact: true }).getAttribute('id'))!;
      return page.locator(`#${id}-error`).textContent();
    };
    assert.equal(await errorOf('Code'), 'Required: it cannot be empty.');
    const values: Array<[string, string]> = [
      ['Code', 'AG_CONSOLE'],
      ['Name', 'Агентство "Луна" <b>1</b>'],
      ['Address', 'Via Roma 1'],
      ['ZIP code', 'abc'],
      ['Country', 'IT'],
      ['City code', 'VCEI'],
      ['Staff e-mail', 'staff@agency.example'],
      ['Notification language', 'it'],
      ['Telephone', '+39 041 123456'],
      ['Fax', '041 654321'],
      ['Currency', 'EUR'],
      ['Admin user’s name', 'Mario Rossi'],
      ['Admin user’s e-mail', 'admin@agency.example'],
      ['Admin user’s login', 'mario'],
      ['Admin user’s password', 'secret12'],
    ];
    for (const [label, value] of values) await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByLabel('Books online').check();
    await page.getByRole('button', { name: 'Create agency' }).click();
    // Netstorming's own words for the field, next to it.
    await page.getByText('Some fields need a change').waitFor();
    assert.equal(await errorOf('ZIP code'), 'invalid zip');
    assert.equal(sent.length, 1);
    await page.getByLabel('ZIP code', { exact: true }).fill('30100');
    await page.getByRole('button', { name: 'Create agency' }).click();
    await page.getByText('Agency Агентство "Луна" <b>1</b> (AG_CONSOLE) created.').waitFor();
    page.off('request', onRequest);
    await page.getByRole('cell', { name: 'AG_CONSOLE', exact: true }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'agencies-1280');
    await page.getByRole('button', { name: 'Disable Агентство "Луна" <b>1</b>' }).click();
    await page.getByRole('cell', { name: 'disabled', exact: true }).waitFor();
    // Netstorming sees the console's agency and its state: enabling it there is seen here.
    const enabled = await fetch(`${server.base}/api/customers/enable`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: hotel.key, owner_code: 'tour_op', customers: [{ code: 'AG_CONSOLE' }] }),
    });
    assert.deepEqual(((await enabled.json()) as { results: unknown }).results, { AG_CONSOLE: true });
    await page.reload();
    await page.getByRole('cell', { name: 'enabled', exact: true }).waitFor();
  });

  it('uploads an inventory file: a preview of the changes first, applied only when asked', async () => {
    await page.goto(url(`/tenants/${hotel.id}/inventory`));
    await page.getByRole('cell', { name: 'Double room' }).first().waitFor();
    const file = structuredClone(readDemoInventory()) as any;
    file.rooms.push({ id: 99, room_type: 1, name: 'Annex <i>9</i>', tags: [] });
    file.vat.extras = 10;
    const path = join(tmpdir(), `console-inventory-${process.pid}.json`);
    writeFileSync(path, JSON.stringify(file));
    const notJson = join(tmpdir(), `console-not-json-${process.pid}.json`);
    writeFileSync(notJson, '{ nope');
    await page.getByRole('button', { name: 'Preview changes' }).click();
    await page.getByText('Choose a file first.').waitFor();
    await page.getByLabel('Inventory file (JSON)').setInputFiles(notJson);
    await page.getByRole('button', { name: 'Preview changes' }).click();
    await page.getByText(/This file is not JSON/).waitFor();
    const broken = join(tmpdir(), `console-broken-${process.pid}.json`);
    writeFileSync(broken, JSON.stringify({ ...file, rooms: [{ id: 1, room_type: 42, name: 'X' }] }));
    await page.getByLabel('Inventory file (JSON)').setInputFiles(broken);
    await page.getByRole('button', { name: 'Preview changes' }).click();
    await page.getByText(/problem at rooms\[0\]\.room_type/).waitFor();
    await page.getByLabel('Inventory file (JSON)').setInputFiles(path);
    await page.getByRole('button', { name: 'Preview changes' }).click();
    await page.getByRole('heading', { name: 'Preview: 2 changes' }).waitFor();
    await page.getByText('added: 99').waitFor();
    await screenshot(page, 'inventory-1280');
    // Nothing written by the preview.
    const before = await fetch(`${server.base}/admin/v1/tenants/${hotel.id}/rooms`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(((await before.json()) as any).items.length, 20);
    await page.getByRole('button', { name: 'Apply this file' }).click();
    await page.getByText('The inventory was replaced').waitFor();
    await page.getByRole('cell', { name: 'Annex <i>9</i>' }).waitFor();
  });

  it('adds a webhook (secret shown once), lists deliveries, and removes it', async () => {
    await page.goto(url(`/tenants/${hotel.id}/webhooks`));
    await page.getByText('No webhooks.').waitFor();
    await page.getByLabel('URL', { exact: true }).fill('ftp://nope');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByText('A URL starting with https:// or http://.').waitFor();
    // The server's own check of the URL, by the field.
    await page.getByLabel('URL', { exact: true }).fill('http://[nope]/hook');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.locator('.field-error', { hasText: /url/i }).waitFor();
    const receiver = await startReceiver();
    const sender = startSender(server.db, server.config, silentLog);
    await page.getByLabel('URL', { exact: true }).fill(receiver.url('/hook'));
    await page.getByLabel('customer.created').check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByText(/signing secret, shown this once/).waitFor();
    await page.getByRole('cell', { name: receiver.url('/hook') }).waitFor();
    // A customer created now is an event for it: its delivery is listed, and can be sent again.
    await zak('/kp/customers/add_one', { custdata: JSON.stringify({ name: 'Hook', surname: 'Trigger' }) });
    // The sender turns the event into a delivery on its own schedule: wait for it through the API, then reload.
    for (let i = 0; i < 200; i++) {
      const listed = await fetch(`${server.base}/admin/v1/tenants/${hotel.id}/deliveries`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (((await listed.json()) as { items: unknown[] }).items.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await page.reload();
    await page.locator('section').getByRole('cell', { name: 'customer.created' }).waitFor();
    await page
      .getByRole('button', { name: /^Redeliver/ })
      .first()
      .click();
    await page.getByText(/Delivery \d+ queued again/).waitFor();
    await sender.stop();
    await receiver.close();
    await screenshot(page, 'webhooks-1280');
    await page.getByRole('button', { name: /^Remove webhook/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await page.getByText(/Webhook \d+ removed/).waitFor();
    await page.getByText('No webhooks.').waitFor();
  });

  it('shows "not found" for a stale URL: an unknown path, a missing customer, another tenant', async () => {
    for (const path of [
      '/nowhere',
      `/tenants/${hotel.id}/customers/999999`,
      '/tenants/999999/customers',
      `/tenants/${hotel.id}/reservations/424242`,
    ]) {
      await page.goto(url(path));
      await heading().filter({ hasText: 'Not found' }).waitFor();
    }
    await screenshot(page, 'not-found-1280');
  });

  const PAGES = (): Array<[string, string]> => [
    ['tenants', '/tenants'],
    ['customers', `/tenants/${hotel.id}/customers`],
    ['customer', `/tenants/${hotel.id}/customers/${customerId}`],
    ['customer-edit', `/tenants/${hotel.id}/customers/${customerId}/edit`],
    ['reservations', `/tenants/${hotel.id}/reservations`],
    ['reservation', `/tenants/${hotel.id}/reservations/${reservationId}`],
    ['occupancy', `/tenants/${hotel.id}/occupancy?from=2031-03-08`],
    ['cards', `/tenants/${hotel.id}/cards`],
    ['agencies', `/tenants/${hotel.id}/agencies`],
    ['inventory', `/tenants/${hotel.id}/inventory`],
    ['webhooks', `/tenants/${hotel.id}/webhooks`],
  ];

  it('has no serious or critical accessibility violations on any page (axe-core)', async () => {
    for (const [name, path] of PAGES()) {
      await page.goto(url(path!));
      await heading().waitFor();
      await page.waitForLoadState('networkidle');
      assert.deepEqual(await axeViolations(page), [], name);
    }
  });

  it('fits 390 px wide with no sideways scroll, in the light and the dark scheme', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const small = await phone.newPage();
    watch(small, problems);
    await small.goto(url('/sign-in'));
    await screenshot(small, 'sign-in-390');
    await signIn(small, token);
    await small.locator('main h1').filter({ hasText: 'Tenants' }).waitFor();
    for (const [name, path] of PAGES()) {
      await small.goto(url(path!));
      await small.locator('main h1').waitFor();
      await small.waitForLoadState('networkidle');
      await assertNoSidewaysScroll(small, name!);
      await screenshot(small, `${name}-390`);
    }
    await small.emulateMedia({ colorScheme: 'dark' });
    for (const [name, path] of PAGES()) {
      await small.goto(url(path!));
      await small.locator('main h1').waitFor();
      await small.waitForLoadState('networkidle');
      const colours = await small.evaluate(() => ({
        bg: getComputedStyle(document.body).backgroundColor,
        text: getComputedStyle(document.body).color,
      }));
      assert.equal(colours.bg, 'rgb(21, 23, 26)', name);
      assert.equal(colours.text, 'rgb(232, 234, 237)', name);
      assert.deepEqual(await axeViolations(small), [], `${name} (dark)`);
    }
    await screenshot(small, 'webhooks-390-dark');
    await small.goto(url(`/tenants/${hotel.id}/customers/${customerId}`));
    await small.locator('main h1').waitFor();
    await screenshot(small, 'customer-390-dark');
    await phone.close();
  });

  it('works with the keyboard alone: sign in, open Customers, search, open the customer', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const kb = await fresh.newPage();
    watch(kb, problems);
    await kb.goto(url('/'));
    await kb.getByLabel('Admin token').waitFor();
    // The token field has the focus on arrival.
    assert.equal(await kb.evaluate(() => document.activeElement?.getAttribute('name')), 'token');
    await kb.keyboard.type(token);
    await kb.keyboard.press('Enter');
    await kb.locator('main h1').filter({ hasText: 'Tenants' }).waitFor();
    const tabTo = async (test: string) => {
      for (let i = 0; i < 60; i++) {
        await kb.keyboard.press('Tab');
        const here = await kb.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return {
            text: el?.textContent?.trim() ?? '',
            name: el?.getAttribute('name') ?? '',
            outline: el ? getComputedStyle(el).outlineStyle : 'none',
          };
        });
        if (here.text === test || here.name === test) {
          // The focus is visible.
          assert.notEqual(here.outline, 'none', `no visible focus on ${test}`);
          return;
        }
      }
      assert.fail(`Tab never reached ${test}`);
    };
    await tabTo('Hotel Sole');
    await kb.keyboard.press('Enter');
    await kb.locator('main h1').filter({ hasText: 'Customers' }).waitFor();
    await tabTo('q');
    await kb.keyboard.type('рыба');
    await kb.keyboard.press('Enter');
    // The list before the search may show her too: Tab must reach the link of the list the search brings, not of
    // one it is about to replace.
    await searched(kb);
    await kb.getByRole('link', { name: new RegExp('Рыбакова') }).waitFor();
    await tabTo(`${XSS_NAME} Рыбакова`);
    await kb.keyboard.press('Enter');
    await kb.locator('main h1').filter({ hasText: 'Рыбакова' }).waitFor();
    // A confirmation dialog answers to the keyboard too: Escape is "no".
    await kb.goto(url(`/tenants/${hotel.id}/cards`));
    await kb.locator('main h1').filter({ hasText: 'Discount cards' }).waitFor();
    await tabTo('Delete card 2000000000008');
    await kb.keyboard.press('Enter');
    await kb.getByRole('dialog').waitFor();
    assert.equal(await kb.evaluate(() => document.activeElement?.textContent), 'Cancel');
    await kb.keyboard.press('Escape');
    assert.equal(await kb.getByRole('dialog').count(), 0);
    await kb.getByRole('cell', { name: '2000000000008', exact: true }).waitFor();
    await fresh.close();
  });

  it('takes a revoked token back to the sign-in form with a message', async () => {
    const other = await createAdminToken(server.db, 'to be revoked');
    const fresh = await browser.newContext();
    const p = await fresh.newPage();
    watch(p, problems);
    await p.goto(url(`/tenants/${hotel.id}/cards`));
    await signIn(p, other.token);
    await p.locator('main h1').filter({ hasText: 'Discount cards' }).waitFor();
    await revokeAdminToken(server.db, other.id);
    await p.getByRole('link', { name: 'Customers' }).click();
    await p.getByText('Your session has ended: the admin token was refused').waitFor();
    await p.getByLabel('Admin token').waitFor();
    // Signing in again returns to the page that was asked for.
    await signIn(p, token);
    await p.locator('main h1').filter({ hasText: 'Customers' }).waitFor();
    await fresh.close();
  });

  it('pages the tenants: one past the switcher’s first page opens, and the switcher offers all of them', async () => {
    let last = 0;
    for (let i = 0; i < 55; i++) {
      last = (await createTenant(server.db, { name: `Tenant ${i}`, prefix: 'TN', timezone: 'UTC' })).id;
    }
    await page.goto(url(`/tenants/${last}/customers`));
    await heading().filter({ hasText: 'Customers' }).waitFor();
    const switcher = page.getByLabel('Tenant', { exact: true });
    await switcher.locator('option', { hasText: `Tenant 54 (${last})` }).waitFor({ state: 'attached' });
    assert.equal(await switcher.inputValue(), String(last));
    await switcher.selectOption({ label: 'All tenants…' });
    await heading().filter({ hasText: 'Tenants' }).waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByRole('link', { name: 'Tenant 54', exact: true }).waitFor();
  });

  it('met no page error, console error, failed request or server error on the way', () => {
    assert.deepEqual(problems, []);
  });
});
