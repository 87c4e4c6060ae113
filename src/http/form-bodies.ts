import formbody from '@fastify/formbody';
import { errorCodes, type FastifyInstance } from 'fastify';
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
  // Fastify reads text/plain by default, and the dialects then took its text for no parameters: a virtpos update
  // answered success having changed nothing. Only an empty one (`fetch` sends `body: ''` so) is no parameters.
  app.addContentTypeParser(
    'text/plain',
    { parseAs: 'string', bodyLimit: config.bodyLimit },
    (request, body: string, done) => {
      if (body.trim() === '') return done(null, {});
      done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(request.headers['content-type']));
    },
  );
}
