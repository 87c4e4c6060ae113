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

  app.route<CallRoute>({
    method: ['GET', 'POST'],
    url: '/kp/:group/:call',
    handler: async (request) => {
      const { group, call } = request.params;
      const scope = await authenticate(db, presentedKey(request));
      const table = Object.hasOwn(groups, group) ? groups[group] : undefined;
      const handler = table && Object.hasOwn(table, call) ? table[call] : undefined;
      if (!handler) throw notFound(`Wrong api name: ${call}`);
      return { data: await handler({ db, scope, params: mergeParams(request.query, request.body) }) };
    },
  });
};
