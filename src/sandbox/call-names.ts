import type { FastifyRequest } from 'fastify';
import { requestNames } from '../http/request-names.ts';
import { calls as netstormingCalls } from '../dialects/netstorming/calls.ts';
import { calls as virtposCalls } from '../dialects/virtpos/plugin.ts';
import { groups } from '../dialects/zak/calls.ts';
import { kapiCalls } from '../dialects/zak/kapi.ts';

/**
 * The sandbox names a vendor call `dialect:call`, as fault rules and journal filters take it:
 * `zak:reservations/new`, `zak:kapi/notes/get_notes`, `netstorming:insert`, `virtpos:customer/update` (and
 * `virtpos:customer`, the listing). The names come from the dialects' own call tables.
 */
export const SANDBOX_CALLS: ReadonlySet<string> = new Set([
  ...Object.entries(groups).flatMap(([group, table]) => Object.keys(table).map((n) => `zak:${group}/${n}`)),
  ...Object.keys(kapiCalls).map((name) => `zak:kapi/${name}`),
  ...Object.keys(netstormingCalls).map((name) => `netstorming:${name}`),
  ...Object.keys(virtposCalls).map((name) => (name === '' ? 'virtpos:customer' : `virtpos:customer/${name}`)),
]);

/** The dialect and the call of a request in the sandbox's spelling (the call without its dialect). */
export function sandboxCall(request: FastifyRequest): { dialect: string; call: string } {
  const { dialect, call } = requestNames(request);
  if (dialect !== 'virtpos') return { dialect, call };
  return { dialect, call: call === 'list' ? 'customer' : `customer/${call}` };
}
