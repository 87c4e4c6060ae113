import { documentTypeNames } from '../../core/documents.ts';
import type { CallTable } from './call.ts';

/** The reservation statuses Clientele gives a reservation, in the real server's spelling. */
const RESERVATION_STATUSES = ['Confirmed', 'Cancelled'];

/** Inventory types, as `/kapi/symbols/get_inv_types` names them: Clientele keeps rooms only. */
const INVENTORY_TYPES: Readonly<Record<string, string>> = { room: 'Room' };

/**
 * The older `/kapi/<path>` calls integrations still send. Same envelope, auth and errors as `/kp/`; the key is
 * checked before every call, so `test` answers only for a valid key.
 */
export const kapiCalls: CallTable = {
  test: () => Promise.resolve('Authentication done!'),
  'symbols/get_rsrv_status': () => Promise.resolve(RESERVATION_STATUSES),
  'symbols/get_doc_types': () => Promise.resolve(documentTypeNames()),
  'symbols/get_inv_types': () => Promise.resolve(INVENTORY_TYPES),
};
