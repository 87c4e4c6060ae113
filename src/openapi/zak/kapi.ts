import { described, integer, listOf, mapOf, nullableText, nullSchema, number, strict, text } from '../kit.ts';
import { dateField, idField, textField, type ZakCall } from './operation.ts';

/**
 * The older `/kapi/<path>` calls (docs/zak-reservations.md, "The /kapi/ tree"): the same envelope, auth and
 * errors as `/kp/`. `rcode` is the reservation's numeric id here. The examples run on reservation 1.
 */

const rcode = idField('the reservation id');
const ok = { const: 'OK' };
const demo = (summary: string, request: Record<string, string>, reply: unknown) => ({
  demo: { summary, request, status: 200, reply: { data: reply } },
});

const PAYMENT = strict({
  id: integer,
  date: described(text, 'dd/mm/yyyy'),
  off: { const: 0 },
  payed: { const: 1 },
  value: number,
  type: nullableText,
  team_user: text,
  remarks: nullableText,
  currency: text,
  invoice_num: nullSchema,
  invoice_prefix: nullSchema,
  invoice_date: nullSchema,
  agency_name: nullSchema,
  corporate_name: nullSchema,
  rsrvs: listOf(integer),
});

export const kapiCalls: Record<string, ZakCall> = {
  test: {
    summary: 'Check a key',
    data: { const: 'Authentication done!' },
    examples: demo('A valid key', {}, 'Authentication done!'),
  },
  'symbols/get_rsrv_status': {
    summary: 'The reservation statuses',
    data: listOf(text),
    examples: demo('Every status', {}, ['Confirmed', 'Cancelled']),
  },
  'symbols/get_doc_types': {
    summary: 'The document types `upload_docdata` accepts',
    fields: { country: textField('accepted; the list does not depend on it') },
    data: mapOf(text),
    examples: demo(
      'Some of them',
      { country: 'IT' },
      { p: 'Passport', i: 'Identity card', it_PASOR: 'PASOR' },
    ),
  },
  'symbols/get_inv_types': {
    summary: 'The inventory types',
    data: mapOf(text),
    examples: demo('Rooms only', {}, { room: 'Room' }),
  },
  'notes/create_note': {
    summary: 'Add a note to a reservation',
    fields: { rcode, new_note: textField('the note, at most 10,000 characters') },
    required: ['rcode', 'new_note'],
    data: ok,
    errors: [404],
    examples: demo('On reservation 1', { rcode: '1', new_note: 'Late arrival, around 23:00' }, 'OK'),
  },
  'notes/update_note': {
    summary: 'Change a note',
    fields: {
      id_note: idField('the note'),
      updated_note: textField('the new text'),
      rcode: idField('optional: the note must be of this reservation'),
    },
    required: ['id_note', 'updated_note'],
    data: ok,
    errors: [404],
    examples: demo('Note 1', { id_note: '1', updated_note: 'Late arrival, around midnight' }, 'OK'),
  },
  'notes/get_notes': {
    summary: 'The notes of a reservation, oldest first',
    fields: { rcode },
    required: ['rcode'],
    data: listOf(strict({ id: integer, remarks: text })),
    errors: [404],
    examples: demo('Reservation 1', { rcode: '1' }, [{ id: 1, remarks: 'Late arrival, around midnight' }]),
  },
  'payments/do_payment': {
    summary: 'Record a payment of a reservation',
    description: '`value` is a positive amount with at most 2 decimals. Returns the payment id.',
    fields: {
      rcode,
      pay_type: textField('how it was paid'),
      value: textField('the amount', { pattern: '^\\s*[0-9]+(\\.[0-9]{1,2})?\\s*$' }),
      currency: textField('the reservation’s currency'),
      remarks: textField('free text'),
      date: dateField('the payment’s date'),
    },
    required: ['rcode', 'value'],
    data: described(integer, 'the payment id'),
    errors: [404],
    examples: demo('100 EUR in cash on reservation 1', { rcode: '1', pay_type: 'cash', value: '100' }, 1),
  },
  'payments/get_payments': {
    summary: 'Payments of a reservation, or of the property',
    description:
      'At most 100, oldest first. Without `rcode`, the property’s payments that match the filters.',
    fields: {
      rcode,
      dfrom: dateField('from this payment date'),
      dto: dateField('to this payment date'),
      pay_type: textField('exactly this type'),
      canceled: textField('1 or 0'),
    },
    data: listOf(PAYMENT),
    errors: [404],
    examples: demo('Reservation 1', { rcode: '1' }, [
      {
        id: 1,
        date: '20/01/2030',
        off: 0,
        payed: 1,
        value: 100,
        type: 'cash',
        team_user: '',
        remarks: null,
        currency: 'EUR',
        invoice_num: null,
        invoice_prefix: null,
        invoice_date: null,
        agency_name: null,
        corporate_name: null,
        rsrvs: [1],
      },
    ]),
  },
};
