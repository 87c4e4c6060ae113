import { documentTypeNames } from '../../core/documents.ts';
import { invalid } from '../../core/errors.ts';
import { fromCents } from '../../core/money.ts';
import { addNote, changeNote, reservationNotes } from '../../core/notes.ts';
import { findPayments, pay } from '../../core/payments.ts';
import type { Payment } from '../../store/payments.ts';
import type { CallTable } from './call.ts';
import { formatDate, optionalId, parseDate, requiredId, text, type Params } from './params.ts';

/** The reservation statuses Clientele gives a reservation, in the real server's spelling. */
const RESERVATION_STATUSES = ['Confirmed', 'Cancelled'];

/** Inventory types, as `/kapi/symbols/get_inv_types` names them: Clientele keeps rooms only. */
const INVENTORY_TYPES: Readonly<Record<string, string>> = { room: 'Room' };

/** A `d/m/yyyy` date, absent when blank. */
function optionalDate(params: Params, name: string): string | undefined {
  const value = text(params, name);
  return value === undefined || value.trim() === '' ? undefined : parseDate(value, name);
}

/** A Zak flag, 1/0 (also true/false); absent when blank. */
function optionalFlag(params: Params, name: string): boolean | undefined {
  const value = text(params, name)?.trim().toLowerCase();
  if (value === undefined || value === '') return undefined;
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw invalid(`invalid parameter: ${name} (1 or 0)`, name);
}

/** `rcode` is the reservation's id, as `fetch_one_reservation` takes it. */
const reservationOf = (params: Params) => ({ id: requiredId(params, 'rcode') });

function renderPayment(p: Payment) {
  return {
    id: p.id,
    date: formatDate(p.day),
    off: 0,
    payed: 1,
    value: fromCents(p.amount_cents),
    type: p.pay_type,
    team_user: '',
    remarks: p.remarks,
    currency: p.currency,
    invoice_num: null,
    invoice_prefix: null,
    invoice_date: null,
    agency_name: null,
    corporate_name: null,
    rsrvs: [p.reservation_id],
  };
}

/**
 * The older `/kapi/<path>` calls integrations still send. Same envelope, auth and errors as `/kp/`; the key is
 * checked before every call, so `test` answers only for a valid key.
 */
export const kapiCalls: CallTable = {
  test: () => Promise.resolve('Authentication done!'),
  'symbols/get_rsrv_status': () => Promise.resolve(RESERVATION_STATUSES),
  'symbols/get_doc_types': () => Promise.resolve(documentTypeNames()),
  'symbols/get_inv_types': () => Promise.resolve(INVENTORY_TYPES),

  'notes/get_notes': async ({ db, scope, params }) => reservationNotes(db, scope, reservationOf(params)),
  'notes/create_note': async ({ db, scope, params }) => {
    await addNote(db, scope, reservationOf(params), text(params, 'new_note'));
    return 'OK';
  },
  'notes/update_note': async ({ db, scope, params }) => {
    const rcode = optionalId(params, 'rcode');
    const ref = rcode === undefined ? undefined : { id: rcode };
    await changeNote(db, scope, requiredId(params, 'id_note'), text(params, 'updated_note'), ref);
    return 'OK';
  },

  'payments/get_payments': async ({ db, scope, params }) => {
    const rcode = optionalId(params, 'rcode');
    const payments = await findPayments(db, scope, {
      reservation: rcode === undefined ? undefined : { id: rcode },
      from: optionalDate(params, 'dfrom'),
      to: optionalDate(params, 'dto'),
      canceled: optionalFlag(params, 'canceled'),
      payType: text(params, 'pay_type')?.trim() || undefined,
    });
    return payments.map(renderPayment);
  },
  'payments/do_payment': async ({ db, scope, params }) =>
    pay(db, scope, reservationOf(params), {
      value: text(params, 'value') ?? '',
      pay_type: text(params, 'pay_type'),
      currency: text(params, 'currency'),
      remarks: text(params, 'remarks'),
      day: optionalDate(params, 'date'),
    }),
};
