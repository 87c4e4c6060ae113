import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { addExtra } from '../../src/core/extras.ts';
import { launchBrowser, SKIP_WITHOUT_BROWSER } from '../browser.ts';
import { startSandbox, type Sandboxed } from '../sandbox/support.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';
import { adminCaller, watch } from './support.ts';
import { WEBHOOK_ENV } from '../webhooks/support.ts';
import { validCustomer } from '../dialects/netstorming/helper.ts';

/**
 * Hostile text in every field a vendor client or the admin API can fill, then every console page that shows it,
 * in a real Chromium: no markup of it runs (`window.__xss` stays undefined), none of it becomes an element or a
 * link, and it is shown as the characters it is.
 */
const IMG = '<img src=x onerror=window.__xss=1>';
const SVG = '"><svg onload=window.__xss=1>';
const JS_URL = 'javascript:window.__xss=1';
const MUSTACHE = '{{7*7}}';
const HOSTILE = `${IMG}${SVG}${MUSTACHE}`;

describe('/console with hostile data in every field', { skip: SKIP_WITHOUT_BROWSER }, () => {
  let sb: Sandboxed;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const seen: string[] = [];
  const url = (path: string) => `${sb.server.base}/console${path}`;
  let customerId = 0;
  let reservationId = 0;
  const admin = (method: string, path: string, body?: unknown) => adminCaller(sb)(method, path, body);

  before(async () => {
    sb = await startSandbox(WEBHOOK_ENV);
    const t = sb.a;
    const custdata: Record<string, string> = {};
    for (const k of [
      'name',
      'surname',
      'address',
      'city',
      'birth_city',
      'zipcode',
      'cf',
      'bill_address',
      'bill_city',
      'bill_zip',
      'bill_name',
      'vat_number',
    ])
      custdata[k] = `${k} ${HOSTILE}`;
    custdata.email = `x${encodeURIComponent('"><b>')}@example.org`;
    const made = await sb.zak(t, 'customers/add_one', { custdata });
    assert.equal(made.status, 200, made.text);
    customerId = Number(made.body.data);
    const patched = await admin('PATCH', `/tenants/${t.id}/customers/${customerId}`, {
      middle_name: `middle ${HOSTILE}`,
      custom_information: `notes ${HOSTILE} ${JS_URL}`,
      external_id: JS_URL,
    });
    assert.equal(patched.status, 200, patched.text);
    const doc = await sb.zak(t, 'customers/upload_docdata', {
      id: String(customerId),
      docdata: {
        doc_type: 'p',
        doc_country: 'IT',
        doc_number: `N${HOSTILE}`,
        doc_issue: '01/01/2020',
        doc_expiry: '01/01/2030',
        doc_issuer: `issuer ${HOSTILE}`,
      },
    });
    assert.equal(doc.status, 200, doc.text);
    const booked = await sb.zak(t, 'reservations/new', {
      params: {
        arrival: '10/03/2031',
        departure: '12/03/2031',
        customer: { name: `booker ${HOSTILE}`, surname: `sur ${HOSTILE}` },
        rooms: [{ room: 2, customers: [{ name: `guest ${HOSTILE}`, surname: JS_URL }] }],
      },
    });
    assert.equal(booked.status, 200, booked.text);
    const listed = await admin('GET', `/tenants/${t.id}/reservations`);
    reservationId = listed.body.items[0].id;
    const note = await sb.zak(t, '../kapi/notes/create_note', {
      rcode: String(reservationId),
      new_note: `note ${HOSTILE} ${JS_URL}`,
    });
    assert.equal(note.status, 200, note.text);
    const paid = await sb.zak(t, '../kapi/payments/do_payment', {
      rcode: String(reservationId),
      value: '10',
      pay_type: `type ${HOSTILE}`,
      remarks: `remarks ${HOSTILE}`,
    });
    assert.equal(paid.status, 200, paid.text);
    await addExtra(sb.server.db, { tenantId: t.id, keyId: t.keyId }, reservationId, {
      name: `extra ${HOSTILE}`,
      number: 1,
      daily: false,
      day: '2031-03-11',
      priceCents: 100,
    });
    const card = await sb.virtpos(t, 'insertCard', {
      uid: `VIP${HOSTILE}`,
      customer_id: String(customerId),
      type_name: `type ${HOSTILE}`,
      barcode: JS_URL,
    });
    assert.equal(card.status, 200, card.text);
    const agency = await sb.netstorming(t, 'insert', {
      customers: [
        validCustomer(1, {
          name: `agency ${HOSTILE}`,
          address: `addr ${HOSTILE}`,
          admin_user_name: `admin ${HOSTILE}`,
        }),
      ],
    });
    assert.equal(agency.status, 200, agency.text);
    const owner = await admin('POST', `/tenants/${t.id}/owners`, {
      code: 'own_xss',
      name: `owner ${HOSTILE}`,
    });
    assert.equal(owner.status, 201, owner.text);
    const tenant = await admin('POST', '/tenants', {
      name: `tenant ${HOSTILE}`,
      prefix: 'XS',
      timezone: 'UTC',
    });
    assert.equal(tenant.status, 201, tenant.text);
    // A key has no name: its creation takes no fields (refused by name, docs/admin-api.md).
    const key = await admin('POST', `/tenants/${tenant.body.id}/keys`);
    assert.equal(key.status, 201, key.text);
    const hook = await admin('POST', `/tenants/${t.id}/webhooks`, {
      url: `http://127.0.0.1:1/${encodeURIComponent(SVG)}?q=${IMG}`,
    });
    assert.equal(hook.status, 201, hook.text);
    const fault = await admin('POST', `/tenants/${t.id}/faults`, {
      call: 'zak:customers/fetch_one',
      status: 500,
      body: `fault ${HOSTILE}`,
      times: 1,
    });
    assert.equal(fault.status, 201, fault.text);
    const file = structuredClone(readDemoInventory()) as any;
    file.rooms[0].name = `room ${HOSTILE}`;
    file.room_types[0].name = `type ${HOSTILE}`;
    file.room_types[0].shortname = JS_URL;
    file.rates[0].name = `rate ${HOSTILE}`;
    file.rooms[0].tags = [`tag ${HOSTILE}`];
    const inventory = await admin('PUT', `/tenants/${t.id}/inventory`, file);
    assert.equal(inventory.status, 200, inventory.text);
    // A call that leaves its hostile body in the journal.
    await sb.zak(t, 'customers/fetch_one', { id: String(customerId) });

    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    watch(page, problems);
    await page.goto(url('/sign-in'));
    await page.getByLabel('Admin token').fill(sb.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('main h1').filter({ hasText: 'Tenants' }).waitFor();
  });
  after(async () => {
    await browser?.close();
    await sb?.close();
  });

  const pages = () => [
    '/tenants',
    `/tenants/${sb.a.id + 2}`,
    `/tenants/${sb.a.id}/customers`,
    `/tenants/${sb.a.id}/customers/${customerId}`,
    `/tenants/${sb.a.id}/customers/${customerId}/edit`,
    `/tenants/${sb.a.id}/reservations`,
    `/tenants/${sb.a.id}/reservations/${reservationId}`,
    `/tenants/${sb.a.id}/occupancy?from=2031-03-08`,
    `/tenants/${sb.a.id}/cards`,
    `/tenants/${sb.a.id}/agencies`,
    `/tenants/${sb.a.id}/inventory`,
    `/tenants/${sb.a.id}/webhooks`,
    `/tenants/${sb.a.id}/sandbox`,
  ];

  it('runs none of it and shows it as text on every page', async () => {
    for (const path of pages()) {
      await page.goto(url(path));
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      // The sandbox's journal: open every row's bodies.
      for (const b of await page.getByRole('button', { name: /^Bodies of request/ }).all()) await b.click();
      const found = await page.evaluate(() => ({
        xss: (window as any).__xss,
        elements: document.querySelectorAll('main img, main svg, main b, main script').length,
        jsLinks: [...document.querySelectorAll('a[href]')].filter((a) =>
          /^\s*javascript:/i.test(a.getAttribute('href')!),
        ).length,
        text: document.body.innerText,
      }));
      assert.equal(found.xss, undefined, path);
      assert.equal(found.elements, 0, path);
      assert.equal(found.jsLinks, 0, path);
      // Shown as the characters it is: a template syntax is not evaluated either.
      if (found.text.includes(IMG) && found.text.includes(SVG) && found.text.includes(MUSTACHE))
        seen.push(path);
    }
    assert.deepEqual(seen, pages());
    assert.deepEqual(problems, []);
  });

  it('serves the console with a Content-Security-Policy that allows no inline script', async () => {
    for (const path of ['/console', `/console/tenants/${sb.a.id}/customers`]) {
      const reply = await fetch(`${sb.server.base}${path}`);
      const csp = reply.headers.get('content-security-policy') ?? '';
      const directives = new Map(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
          .map(([k, ...v]) => [k, v]),
      );
      assert.deepEqual(directives.get('script-src'), ["'self'"], csp);
      assert.deepEqual(directives.get('default-src'), ["'self'"], csp);
      assert.deepEqual(directives.get('object-src'), ["'none'"], csp);
      assert.deepEqual(directives.get('base-uri'), ["'none'"], csp);
      assert.deepEqual(directives.get('frame-ancestors'), ["'none'"], csp);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    }
  });
});
