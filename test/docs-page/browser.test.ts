import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, SKIP_WITHOUT_BROWSER } from '../browser.ts';
import { startServer, type TestServer } from '../helper.ts';

/**
 * `/docs` in a real headless Chromium (Debian's, installed by .ci/run): the list of documents, each rendered by
 * Swagger UI with its operations, an operation tried from the page, and no request leaving the server (the
 * renderer's files are the npm package's, served by Clientele).
 */
describe('/docs in a browser', { skip: SKIP_WITHOUT_BROWSER }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('request', (request) => requested.push(request.url()));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('may not be framed by another site (its forms send what is typed in them: clickjacking)', async () => {
    for (const path of ['/docs', '/docs/admin', '/docs/zak', '/docs/netstorming', '/docs/virtpos']) {
      const r = await fetch(`${server.base}${path}`);
      assert.equal(r.headers.get('content-security-policy'), "frame-ancestors 'none'", path);
      assert.equal(r.headers.get('x-frame-options'), 'DENY', path);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
    }
  });

  it('lists the four documents', async () => {
    await page.goto(`${server.base}/docs`);
    const links = await page.locator('li > a:first-child').allTextContents();
    assert.deepEqual(links, ['Admin API', 'Zak', 'Netstorming', 'virtpos']);
  });

  const cases = [
    { link: 'Admin API', title: 'Clientele admin API', path: '/admin/v1/tenants' },
    { link: 'Zak', title: 'Clientele: Zak dialect', path: '/kp/customers/fetch_one' },
    { link: 'Netstorming', title: 'Clientele: Netstorming dialect', path: '/api/customers/insert' },
    { link: 'virtpos', title: 'Clientele: virtpos dialect', path: '/api/customer/updateCard' },
  ];
  for (const { link, title, path } of cases) {
    it(`renders the ${link} document with its operations`, async () => {
      await page.goto(`${server.base}/docs`);
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.locator('.info .title', { hasText: title }).waitFor({ timeout: 30_000 });
      const operation = page.locator('.opblock-summary-path', { hasText: path }).first();
      await operation.waitFor({ timeout: 30_000 });
      assert.ok(await operation.isVisible());
    });
  }

  it('tries an operation from the page: the Netstorming insert with its example body', async () => {
    await page.goto(`${server.base}/docs/netstorming`);
    const block = page.locator('.opblock', { hasText: '/api/customers/insert' }).first();
    await block.locator('.opblock-summary').click();
    await block.getByRole('button', { name: 'Try it out' }).click();
    await block.getByRole('button', { name: 'Execute' }).click();
    // The example carries the vendor's placeholder key: the real server answers 401 `invalid key`.
    const live = block.locator('.live-responses-table tbody .response-col_status').first();
    await live.waitFor({ timeout: 30_000 });
    assert.equal((await live.textContent())?.trim(), '401');
    await block.locator('.live-responses-table', { hasText: 'invalid key' }).waitFor({ timeout: 30_000 });
  });

  it('loaded nothing from outside the server', () => {
    assert.ok(requested.length > 0);
    const outside = requested.filter((url) => !url.startsWith(server.base));
    assert.deepEqual(outside, []);
  });
});
