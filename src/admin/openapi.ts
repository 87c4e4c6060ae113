import type { SwaggerOptions } from '@fastify/swagger';
import { IDEMPOTENCY_KEY_PARAMETER } from '../openapi/kit.ts';

/** How @fastify/swagger turns the admin routes into an OpenAPI 3.1 document. */
export const ADMIN_OPENAPI: SwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'Clientele admin API',
      version: '1',
      description:
        'Tenants, keys, customers, reservations and the property inventory of a Clientele server. JSON in and ' +
        'out; errors are RFC 9457 problem details. See docs/admin-api.md.',
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { adminToken: { type: 'http', scheme: 'bearer' } } },
    security: [{ adminToken: [] }],
  },
  hideUntagged: true,
  transformObject: (documents) =>
    'openapiObject' in documents
      ? withIdempotencyKeys(documents.openapiObject as Document)
      : documents.swaggerObject,
  // Shared schemas (`Problem`) keep their names in components.schemas.
  refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (json.$id as string) ?? `def-${i}` },
};

type Operation = { parameters?: unknown[] };
type Document = { paths?: Record<string, Record<string, Operation>> };

const WRITES = new Set(['post', 'put', 'patch', 'delete']);
/** Writes that take no Idempotency-Key: a preview writes nothing; a reply that shows a secret is never stored. */
const KEYLESS = new Set([
  '/tenants/{tenant}/inventory/preview',
  '/tenants/{tenant}/keys',
  '/tenants/{tenant}/webhooks',
]);

/** The Idempotency-Key header on every write of the document (the routes read it themselves, see idempotency.ts). */
function withIdempotencyKeys(document: Document): Document {
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!WRITES.has(method) || (KEYLESS.has(path) && method === 'post')) continue;
      operation.parameters = [...(operation.parameters ?? []), IDEMPOTENCY_KEY_PARAMETER];
    }
  }
  return document;
}
