import type { FastifyRequest } from 'fastify';
import { requestNames } from '../http/request-names.ts';

/**
 * The sandbox names a vendor call `dialect:call`, as fault rules and journal filters take it:
 * `zak:reservations/new`, `zak:kapi/notes/get_notes`, `netstorming:insert`, `virtpos:customer/update` (and
 * `virtpos:customer`, the listing). This is the dialect and the call of a request in that spelling.
 */
export function sandboxCall(request: FastifyRequest): { dialect: string; call: string } {
  const { dialect, call } = requestNames(request);
  if (dialect !== 'virtpos') return { dialect, call };
  return { dialect, call: call === 'list' ? 'customer' : `customer/${call}` };
}
