import type { Schema } from '../kit.ts';

/**
 * The parameters of each virtpos call (docs/virtpos.md). The vendor marks some "get only": those are read from
 * the query string alone. Every other one may come in the query string or a form body (the body wins).
 */
export interface Param {
  name: string;
  description: string;
  getOnly?: boolean;
  schema?: Schema;
}

const truthy = { type: 'string', description: '1, true, yes, on (any case) or 0, false, no, off, empty' };
const whole = { type: 'string', pattern: '^[0-9]+$' };
const get = (name: string, description: string, schema?: Schema): Param => ({
  name,
  description,
  getOnly: true,
  ...(schema && { schema }),
});
const any = (name: string, description: string, schema?: Schema): Param => ({
  name,
  description,
  ...(schema && { schema }),
});

export const FORMAT: Param = get('format', '`json`; XML for anything else (absent, `xml`, unknown values)', {
  type: 'string',
  enum: ['xml', 'json'],
});

export const LIST_PARAMS: Param[] = [
  get('id', 'one customer by id', whole),
  get('external_id', 'one customer by its id in the external system'),
  any('phone', 'a phone in any spelling (`+7 (999) 123-45-67`, `89991234567`)'),
  any('email', 'an e-mail, any case'),
  any('with_phone', 'true: customers with a phone; false: without', truthy),
  any('with_email', 'true: customers with an e-mail; false: without', truthy),
  any('page', 'from 1; with page_size, one page instead of every customer', whole),
  any('page_size', '1 to 1000 (default 100)', whole),
  any('cards', 'true: each customer with its cards', truthy),
  any('bonuses', 'true: each customer with its bonus balance', truthy),
];

const CUSTOMER_FIELDS = ['fname', 'lname', 'mname', 'email', 'phone', 'custom_information'];

export const UPDATE_PARAMS: Param[] = [
  get('id', 'the customer to update', whole),
  get('create_if_not_exist', 'true: create the customer when it is not found', truthy),
  any('external_id', 'without id, the customer to update; always, a field to set'),
  ...CUSTOMER_FIELDS.map((name) => any(name, `the customer’s ${name} (empty clears, but not fname/lname)`)),
  any('gender', 'M or F, any case'),
  any('birth_day', 'with birth_month and birth_year: the birth date; all three empty clear it'),
  any('birth_month', 'see birth_day'),
  any('birth_year', 'see birth_day'),
  any('accumulated_sales', '15200, 15200.5 or 15200,50'),
  any('send_push', 'truthy', truthy),
  any('send_email', 'truthy', truthy),
  any('send_sms', 'truthy', truthy),
  any('group_id', 'an existing group; empty: no group'),
  any('group_name', 'without group_id: the group by name, created when missing'),
];

const CARD_KEYS: Param[] = [
  get('card_id', 'lookup key: the card’s id', whole),
  get('uid', 'lookup key, and the card’s number written'),
  get('external_id', 'lookup key, and the card’s external id written'),
  get('card_barcode', 'lookup key only (`barcode` sets the barcode)'),
];

const CARD_FIELDS: Param[] = [
  any('uid_ean13', 'normally left out: generated from uid'),
  any('barcode', 'normally left out: the same as uid_ean13'),
  any('medium', 'PLASTIC (default), MAGNET or APP, any case'),
  any('status', 'NEW (default), ACTIVE or BLOCKED, any case'),
  any('block_date', 'YYYY-MM-DD or DD.MM.YYYY; empty clears'),
  any('activate_date', 'YYYY-MM-DD or DD.MM.YYYY; empty clears'),
  any('type_id', 'the card type'),
  any('type_name', 'without type_id: the card type by name, created when missing'),
  any('customer_id', 'the owner'),
  any('customer_external_id', 'without customer_id: the owner by its external id'),
];

export const INSERT_CARD_PARAMS: Param[] = [...CARD_KEYS, ...CARD_FIELDS];
export const UPDATE_CARD_PARAMS: Param[] = [
  ...CARD_KEYS,
  get('create_if_not_exist', 'true: create the card when no key finds one', truthy),
  ...CARD_FIELDS,
];
export const DELETE_CARD_PARAMS: Param[] = CARD_KEYS;
