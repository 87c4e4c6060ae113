import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { multipartFields } from './multipart-fields.ts';

/**
 * Form and multipart bodies as the vendors' clients send them (`curl --data-urlencode`, `-F`), fields only, within
 * BODY_LIMIT. Registered inside a dialect's own encapsulated plugin. Multipart is a content-type parser, not a
 * plugin with a hook, so the requests that are not multipart (nearly all) pay nothing for it.
 */
export async function acceptFormBodies(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(formbody, { bodyLimit: config.bodyLimit });
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: config.bodyLimit },
    (request, body: Buffer, done) => {
      multipartFields(request.headers, body).then(
        (fields) => done(null, fields),
        (error: Error) => done(error),
      );
    },
  );
}
