import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DOCUMENTS, documentPage, indexPage } from './pages.ts';

/** The only files of swagger-ui-dist the pages use: a fixed list, so no request names a path on disk. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};
const ASSET_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const HTML = 'text/html; charset=utf-8';
/**
 * The pages send requests with what is typed into them (a token, a key): no other site may frame them and lead a
 * click there (clickjacking). `X-Frame-Options` for browsers that predate `frame-ancestors`.
 */
const PAGE_HEADERS = {
  'content-security-policy': "frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
};

/** `GET /docs`, `/docs/<document>` and the renderer's files under `/docs/assets/`. */
export function docsPage(app: FastifyInstance): void {
  const index = indexPage();
  app.get('/docs', (_request, reply) => reply.type(HTML).headers(PAGE_HEADERS).send(index));
  for (const name of Object.keys(DOCUMENTS)) {
    const html = documentPage(name);
    app.get(`/docs/${name}`, (_request, reply) => reply.type(HTML).headers(PAGE_HEADERS).send(html));
  }
  for (const [file, type] of Object.entries(ASSETS)) {
    app.get(`/docs/assets/${file}`, (_request, reply) =>
      reply
        .type(type)
        .header('cache-control', 'public, max-age=86400')
        .send(createReadStream(join(ASSET_DIR, file))),
    );
  }
}
