import { Busboy, type BusboyHeaders } from '@fastify/busboy';
import type { IncomingHttpHeaders } from 'node:http';

/** The most fields one multipart body may carry; no vendor call has nearly as many. */
const MAX_FIELDS = 200;

export type FormFields = Record<string, string | string[]>;

/** A failure of the body itself, with the HTTP status every dialect's error handler already maps. */
function bodyError(statusCode: 400 | 413, message: string) {
  return Object.assign(new Error(message), { statusCode });
}

/**
 * The fields of a multipart/form-data body (`curl -F`), already read whole within BODY_LIMIT. A field sent twice
 * keeps every value, in order, as urlencoded forms do. No vendor call takes a file, so a file part is refused.
 */
export function multipartFields(headers: IncomingHttpHeaders, body: Buffer): Promise<FormFields> {
  return new Promise((resolve, reject) => {
    let parser;
    try {
      parser = Busboy({
        headers: headers as BusboyHeaders,
        limits: { fieldSize: body.length, fields: MAX_FIELDS, files: 0 },
      });
    } catch {
      return reject(bodyError(400, 'malformed multipart body'));
    }
    const fields: FormFields = Object.create(null);
    parser.on('field', (name, value) => {
      const known = fields[name];
      fields[name] = known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
    });
    parser.on('file', (_name, stream) => {
      stream.resume();
      reject(bodyError(400, 'files are not accepted'));
    });
    parser.on('filesLimit', () => reject(bodyError(400, 'files are not accepted')));
    parser.on('fieldsLimit', () => reject(bodyError(413, 'too many fields')));
    parser.on('error', () => reject(bodyError(400, 'malformed multipart body')));
    parser.on('finish', () => resolve(fields));
    parser.end(body);
  });
}
