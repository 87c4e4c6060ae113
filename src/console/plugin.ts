import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/**
 * The web console at `/console`: plain HTML, ES modules and CSS from `web/`, no build step and nothing from a CDN.
 * It is a client of the admin API only (`/admin/v1`): the server holds no rule of its own for it.
 *
 * The files are read once at start into a fixed map, so no request names a path on disk. Every other path under
 * `/console` answers the same page: the console routes in the browser, so a deep link such as
 * `/console/tenants/1/customers/7` loads, and a stale one shows the console's own "not found" page.
 */
const WEB_DIR = fileURLToPath(new URL('./web/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** The console's assets by their URL path under `/console/assets/`, with their content type. */
function loadAssets(): Map<string, { type: string; body: Buffer }> {
  const assets = new Map<string, { type: string; body: Buffer }>();
  for (const path of filesUnder(WEB_DIR)) {
    const type = TYPES[extname(path)];
    if (type === undefined || path.endsWith('index.html')) continue;
    assets.set(relative(WEB_DIR, path).split('\\').join('/'), { type, body: readFileSync(path) });
  }
  return assets;
}

/**
 * The page, with a `modulepreload` link per module: the browser asks for the whole module graph at once instead of
 * level by level as it discovers the imports.
 */
function indexPage(assets: Map<string, unknown>): string {
  const links = [...assets.keys()]
    .filter((name) => name.endsWith('.js') && name !== 'app.js')
    .map((name) => `<link rel="modulepreload" href="/console/assets/${name}" />`)
    .join('\n    ');
  return readFileSync(join(WEB_DIR, 'index.html'), 'utf8').replace('<!-- modulepreload -->', links);
}

export function consolePage(app: FastifyInstance): void {
  const assets = loadAssets();
  const index = indexPage(assets);
  const html = (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply
      .type(TYPES['.html']!)
      .header('cache-control', 'no-cache')
      // Only the console's own files and the admin API on this origin: no inline script, nothing from elsewhere.
      .header(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      )
      .send(index);
  for (const [name, { type, body }] of assets) {
    app.get(`/console/assets/${name}`, (_request, reply) =>
      reply.type(type).header('cache-control', 'no-cache').send(body),
    );
  }
  // Any other path is a page of the console, decided in the browser (an unknown asset stays a 404). The server
  // reads nothing of a page's query, so a NUL there (`?q=%00`) still gets the page, not the server's JSON 400: the
  // page passes the value to the admin API and shows its refusal in words.
  const page = { config: { anyQuery: true } };
  app.get('/console', page, html);
  app.get('/console/*', page, (request, reply) => {
    if (request.url.startsWith('/console/assets/')) {
      return reply.status(404).send({ error: `not found: ${request.url}` });
    }
    return html(request, reply);
  });
}
