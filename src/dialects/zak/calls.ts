import fastJson from 'fast-json-stringify';
import type { Scope } from '../../core/tenants.ts';
import type { Db } from '../../store/db.ts';
import type { CallTable } from './call.ts';
import { customerCalls } from './customers.ts';
import type { Params } from './params.ts';
import { inventoryCalls, propertyCalls } from './property.ts';
import { reservationCalls } from './reservations.ts';
import { reservationPageReply, reservationReply } from './reservation-schema.ts';

/** Every call group under /kp/<group>/<call>. */
export const groups: Record<string, CallTable> = {
  customers: customerCalls,
  reservations: reservationCalls,
  property: propertyCalls,
  inventory: inventoryCalls,
};

/**
 * The calls a server with read workers runs off its event loop: those that read and render whole pages of
 * reservations (a millisecond or more each). Point reads stay: handing them to a worker costs more than they do.
 */
export const PAGE_CALLS: ReadonlySet<string> = new Set([
  'reservations/fetch_reservations',
  'reservations/fetch_today_reservations',
]);

/** The schemas of the successful replies (`group/name`) that are serialised from one: see reservation-schema.ts. */
export const REPLY_SCHEMAS: Readonly<Record<string, object>> = {
  'reservations/fetch_reservations': reservationPageReply,
  'reservations/fetch_today_reservations': reservationPageReply,
  'reservations/fetch_one_reservation': reservationReply,
};

const serializers = new Map(
  Object.entries(REPLY_SCHEMAS).map(([call, schema]) => [
    call,
    fastJson(schema as Parameters<typeof fastJson>[0]),
  ]),
);

/** A known call (`group/name`) run into the JSON text the client gets, `{"data": …}`, as its route would write it. */
export async function zakReplyText(db: Db, call: string, scope: Scope, params: Params): Promise<string> {
  const [group = '', name = ''] = call.split('/');
  const run =
    Object.hasOwn(groups, group) && Object.hasOwn(groups[group]!, name) ? groups[group]![name] : undefined;
  if (!run) throw new Error(`no Zak call ${call}`);
  const reply = { data: await run({ db, scope, params }) };
  return (serializers.get(call) ?? JSON.stringify)(reply);
}
