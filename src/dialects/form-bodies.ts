import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

/**
 * Form and multipart bodies as the vendors' clients send them (`curl --data-urlencode`, `-F`), fields only, within
 * BODY_LIMIT. Registered inside a dialect's own encapsulated plugin.
 */
export async function acceptFormBodies(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(formbody, { bodyLimit: config.bodyLimit });
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fieldSize: config.bodyLimit, files: 0, fields: 200 },
  });
}
