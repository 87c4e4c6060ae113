import { AGENCY_FIELDS } from '../../core/agency-fields.ts';
import { described, input, integer, listOf, mapOf, strict, text, type Schema } from '../kit.ts';

/** The request and reply structures of the Netstorming customers API (docs/netstorming.md). */

const flag = described(
  { type: ['boolean', 'integer', 'string'] },
  'true/false, 1/0, or yes, no, y, n, true, false, 1, 0 in any case',
);
const chars = (description: string): Schema => described({ type: ['string', 'number'] }, description);
const whole = (description: string): Schema => described({ type: ['integer', 'string'] }, description);

/** What the document says of each field of an inserted customer (docs/netstorming.md, "Field rules"). */
const FIELD_DOCS: Record<string, Schema> = {
  code: chars('3–12 of A-Z a-z 0-9 _; unique in the whole instance'),
  name: chars('1–100 chars'),
  address: chars('1–150 chars'),
  zip: chars('1–8 digits'),
  country: chars('ISO 3166-1 alpha-2'),
  city: chars('Netstorming city code: 3–4 of A-Z 0-9'),
  mailstaff: chars('e-mail, at most 100 chars'),
  notify_lang: chars('ISO 639-1'),
  telephone: chars('1–20 digits once spaces and + - / ( ) are removed'),
  fax: chars('as telephone'),
  currency: chars('ISO 4217'),
  booking_online: flag,
  blocked_in_deadline: flag,
  credit_card: flag,
  admin_user_name: chars('1–50 chars'),
  admin_user_email: chars('e-mail, at most 100 chars'),
  admin_user_login: chars('3–12 of A-Z a-z 0-9 _'),
  admin_user_psw: chars('6–12 chars, not trimmed; stored only as an scrypt hash'),
  admin_user_foreign_code: chars('1–100 chars'),
  vat: chars('at most 30 chars'),
  corporatename: chars('1–100 chars'),
  mailaccountability: chars('e-mail'),
  tax_code: chars('at most 100 chars'),
  markuphotelsweb: whole('an integer'),
  markupcarsweb: whole('an integer'),
  markuptransfersweb: whole('an integer'),
  markuptoursweb: whole('an integer'),
  markupgenericservicesweb: whole('an integer'),
  sdi_code: chars('exactly 7 chars'),
  accounting: chars('1–20 chars'),
  mobile_phone: chars('as telephone'),
  pec_address: chars('e-mail'),
  force_contextual_payment: flag,
  customer_homepage: chars('HOME, HOTELSONLINE or BOOKINGSMANAGEMENT'),
  emergency_number: chars('as telephone'),
  payment_date: chars('topay, deadline or startdate'),
  prepayment_days: whole('0 to 30'),
};

/** One inserted customer: the dialect's own field table (its order, what is compulsory), each field described. */
const Agency = input(
  Object.fromEntries(
    AGENCY_FIELDS.map(({ field }) => {
      const doc = FIELD_DOCS[field];
      if (!doc) throw new Error(`the Netstorming document does not describe the field ${field}`);
      return [field, doc];
    }),
  ),
  AGENCY_FIELDS.filter((f) => f.required).map((f) => f.field),
);

const auth = {
  key: described(text, 'the tenant’s API key'),
  owner_code: described(text, 'the owner (a tour operator’s sub-account) the customers belong to'),
};

const LineErrors = strict({
  'line/index': described(integer, '1-based position of the item; 0 for the whole request'),
  errors: listOf(text),
});

const InsertRequest = input(
  { ...auth, dry_run: flag, customers: listOf({ $ref: '#/components/schemas/Agency' }) },
  ['key', 'owner_code', 'customers'],
);

const Ref = input({
  code: described(text, 'the customer’s code'),
  foreign_code: described(text, 'a user’s foreign code (used when there is no code)'),
});
const ToggleRequest = input({ ...auth, customers: listOf(Ref) }, ['key', 'owner_code', 'customers']);

const ForeignCodeRequest = input(
  { ...auth, code: text, user_login: text, foreign_code: described(text, '1–100 chars') },
  ['key', 'owner_code', 'code', 'user_login', 'foreign_code'],
);

const InsertReply = strict({
  dry_run: { type: 'boolean' },
  results: listOf(strict({ code: text, customer: { type: 'boolean' }, user: { type: 'boolean' } })),
  errors: listOf({ $ref: '#/components/schemas/LineErrors' }),
});

const ToggleReply = strict({
  results: mapOf({ type: 'boolean' }),
  errors: listOf({ $ref: '#/components/schemas/LineErrors' }),
});

const ForeignCodeReply = {
  oneOf: [strict({ success: { const: true } }), strict({ success: { const: false }, errors: listOf(text) })],
};

export const NETSTORMING_SCHEMAS: Record<string, Schema> = {
  Agency,
  LineErrors,
  InsertRequest,
  ToggleRequest,
  ForeignCodeRequest,
  InsertReply,
  ToggleReply,
  ForeignCodeReply,
};
