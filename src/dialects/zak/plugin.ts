import { authenticate } from '../../core/tenants.ts';
import { invalid, notFound } from '../../core/errors.ts';
import type { Dialect } from '../types.ts';
import { presentedKey } from './auth.ts';
import type { CallTable } from './call.ts';
import { customerCalls } from './customers.ts';
import { inventoryCalls, propertyCalls } from './property.ts';
import { reservationCalls } from './reservations.ts';
import { zakErrorHandler } from './errors.ts';
import { mergeParams } from './params.ts';
import { acceptFormBodies } from '../form-bodies.ts';

/** Every call group under /kp/<group>/<call>. */
const groups: Record<string, CallTable> = {
  customers: customerCalls,
  reservations: reservationCalls,
  property: propertyCalls,
  inventory: inventoryCalls,
};

interface CallRoute {
  Params: { group: string; call: string };
}

export const zak: Dialect = async (app, { db, config }) => {
  await acceptFormBodies(app, config);
  // A JSON body is accepted too; an empty one counts as no parameters.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body: string, done) => {
    if (body.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(body));
    } catch {
      done(invalid('malformed JSON body'));
    }
  });
  app.setErrorHandler(zakErrorHandler);

  // One static route per call: the router matches it without extracting parameters.
  for (const [group, table] of Object.entries(groups)) {
    for (const [name, call] of Object.entries(table)) {
      app.route({
        method: ['GET', 'POST'],
        url: `/kp/${group}/${name}`,
        handler: async (request) => {
          const scope = await authenticate(db, presentedKey(request));
          return { data: await call({ db, scope, params: mergeParams(request.query, request.body) }) };
        },
      });
    }
  }
  // Any other name under /kp/: the key is checked first, as the vendor's server does.
  app.route<CallRoute>({
    method: ['GET', 'POST'],
    url: '/kp/:group/:call',
    handler: async (request) => {
      await authenticate(db, presentedKey(request));
      throw notFound(`Wrong api name: ${request.params.call}`);
    },
  });
};
