import type { SwaggerOptions } from '@fastify/swagger';

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
  // Shared schemas (`Problem`) keep their names in components.schemas.
  refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (json.$id as string) ?? `def-${i}` },
};
