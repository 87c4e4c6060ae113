import currencyCodes from 'currency-codes';
import ISO6391 from 'iso-639-1';
import { AGENCY_CODE, type NewAgency } from './agencies.ts';
import { characters } from './characters.ts';
import { countryCode } from './countries.ts';
import { MAX_INT32 } from './int32.ts';
import { numberText } from './number-text.ts';
import { isEmail } from './phones.ts';

/**
 * An agency's fields as they come off the wire (any JSON value: Netstorming's insert, the admin API's create),
 * checked against the vendor's table in its order: that order is the order of the messages of an item, and the
 * messages (`missing <field>`, `invalid <field> (<hint>)`) are a Netstorming wire contract. The admin API shows the
 * same messages by their fields. The rest of the core receives the typed fields.
 */

/** One field read: the value to store, or the hint added to `invalid <field>` ('' for none). */
type Parsed = { value: string | number | boolean } | { invalid: string };
type Parser = (raw: unknown) => Parsed;

interface FieldRule {
  field: AgencyField;
  required: boolean;
  parse: Parser;
}

type AgencyField = keyof NewAgency;

const INVALID = { invalid: '' };
const PHONE_SEPARATORS = /[\s+\-/()]/g;
const FLAG_WORDS = new Map([
  ['yes', true],
  ['no', false],
  ['y', true],
  ['n', false],
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
]);
export const FLAG_HINT = 'valid values: yes, no, y, n, true, false, 1, 0';

/** Strings as sent; numbers as their decimal text (a zip or a phone sent as a JSON number, see numberText). */
function scalar(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number') return numberText(raw);
  return null;
}

// Sets, because the libraries' own lookups scan a list per call and a batch makes 10,000 calls.
const CURRENCIES = new Set(currencyCodes.codes());
const LANGUAGES = new Set<string>(ISO6391.getAllCodes());

/** JSON true/false, 1/0, or yes/no/y/n/true/false/1/0 in any case; null when the value is none of those. */
export function parseFlag(raw: unknown): boolean | null {
  if (typeof raw === 'boolean') return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  if (typeof raw !== 'string') return null;
  const word = raw.trim().toLowerCase();
  return FLAG_WORDS.get(word) ?? null;
}

/** Absent, null or blank after trimming: what `missing <field>` means. */
export function isBlank(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/** Trimmed text of `min`–`max` characters, optionally matching `pattern`. */
export function text(min: number, max: number, pattern?: RegExp): Parser {
  return (raw) => {
    const value = scalar(raw)?.trim();
    const size = value === undefined ? -1 : characters(value);
    if (value === undefined || size < min || size > max) return INVALID;
    return pattern && !pattern.test(value) ? INVALID : { value };
  };
}

/** A password is kept exactly as typed: spaces are characters of it. */
const password =
  (min: number, max: number): Parser =>
  (raw) => {
    const value = scalar(raw);
    return value === null || characters(value) < min || characters(value) > max ? INVALID : { value };
  };

const email: Parser = (raw) => {
  const value = scalar(raw)?.trim();
  return value !== undefined && value.length <= 100 && isEmail(value) ? { value } : INVALID;
};

/** 1–`max` digits once the usual phone separators are removed; stored as written. */
const phone =
  (max: number): Parser =>
  (raw) => {
    const value = scalar(raw)?.trim();
    const digits = value?.replace(PHONE_SEPARATORS, '');
    return value !== undefined && digits && digits.length <= max && /^\d+$/.test(digits)
      ? { value }
      : INVALID;
  };

const country: Parser = (raw) => {
  const value = scalar(raw)?.trim();
  const code = value && /^[A-Za-z]{2}$/.test(value) ? countryCode(value) : null;
  return code ? { value: code } : INVALID;
};

const currency: Parser = (raw) => {
  const value = scalar(raw)?.trim().toUpperCase();
  return value && CURRENCIES.has(value) ? { value } : INVALID;
};

const language: Parser = (raw) => {
  const value = scalar(raw)?.trim().toLowerCase();
  return value && LANGUAGES.has(value) ? { value } : INVALID;
};

/** Netstorming city codes (`VCEI`): there is no public list, so only their shape is checked. */
const city: Parser = (raw) => {
  const value = scalar(raw)?.trim().toUpperCase();
  return value && /^[A-Z0-9]{3,4}$/.test(value) ? { value } : INVALID;
};

const flag: Parser = (raw) => {
  const value = parseFlag(raw);
  return value === null ? { invalid: FLAG_HINT } : { value };
};

const integer =
  (min: number, max: number): Parser =>
  (raw) => {
    const value = typeof raw === 'string' && /^\s*[+-]?\d+\s*$/.test(raw) ? Number(raw) : raw;
    return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? { value }
      : INVALID;
  };

/** Matched case-insensitively, stored in the documented case. */
const choice = (...values: string[]): Parser => {
  const hint = { invalid: `valid values: ${values.join(', ')}` };
  return (raw) => {
    const value = scalar(raw)?.trim().toUpperCase();
    const found = values.find((v) => v.toUpperCase() === value);
    return found ? { value: found } : hint;
  };
};

const required = (field: AgencyField, parse: Parser): FieldRule => ({ field, required: true, parse });
const optional = (field: AgencyField, parse: Parser): FieldRule => ({ field, required: false, parse });
const markup = integer(-MAX_INT32, MAX_INT32);

export const CODE_RULE = text(3, 12, AGENCY_CODE);

/** Every field of an inserted customer, in the vendor's table order. */
const RULES: FieldRule[] = [
  required('code', CODE_RULE),
  required('name', text(1, 100)),
  required('address', text(1, 150)),
  required('zip', text(1, 8, /^\d+$/)),
  required('country', country),
  required('city', city),
  required('mailstaff', email),
  required('notify_lang', language),
  required('telephone', phone(20)),
  required('fax', phone(20)),
  required('currency', currency),
  required('booking_online', flag),
  required('blocked_in_deadline', flag),
  required('credit_card', flag),
  required('admin_user_name', text(1, 50)),
  required('admin_user_email', email),
  required('admin_user_login', CODE_RULE),
  required('admin_user_psw', password(6, 12)),
  optional('admin_user_foreign_code', text(1, 100)),
  optional('vat', text(1, 30)),
  optional('corporatename', text(1, 100)),
  optional('mailaccountability', email),
  optional('tax_code', text(1, 100)),
  optional('markuphotelsweb', markup),
  optional('markupcarsweb', markup),
  optional('markuptransfersweb', markup),
  optional('markuptoursweb', markup),
  optional('markupgenericservicesweb', markup),
  optional('sdi_code', text(7, 7)),
  optional('accounting', text(1, 20)),
  optional('mobile_phone', phone(20)),
  optional('pec_address', email),
  optional('force_contextual_payment', flag),
  optional('customer_homepage', choice('HOME', 'HOTELSONLINE', 'BOOKINGSMANAGEMENT')),
  optional('emergency_number', phone(20)),
  optional('payment_date', choice('topay', 'deadline', 'startdate')),
  optional('prepayment_days', integer(0, 30)),
];

/** The fields of an inserted customer in the table's order, and whether each is compulsory (for the API document). */
export const AGENCY_FIELDS: ReadonlyArray<{ field: AgencyField; required: boolean }> = RULES.map(
  ({ field, required }) => ({ field, required }),
);

export interface AgencyCheck {
  /** Every field that passed its rule (optional absent ones as null). */
  fields: Partial<NewAgency>;
  /** The item's messages in table order; empty when the item is valid. */
  errors: string[];
  /** The same messages with the field each is about ('customer' when the item is not an object). */
  problems: Array<{ field: string; message: string }>;
}

export const invalidMessage = (field: string, hint = '') => `invalid ${field}${hint ? ` (${hint})` : ''}`;

/** Checks one item of the insert against every rule; pure, so a batch of 10,000 costs milliseconds. */
export function checkAgency(raw: unknown): AgencyCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const message = invalidMessage('customer', 'an object expected');
    return { fields: {}, errors: [message], problems: [{ field: 'customer', message }] };
  }
  const item = raw as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  const problems: AgencyCheck['problems'] = [];
  for (const { field, required, parse } of RULES) {
    const value = Object.hasOwn(item, field) ? item[field] : undefined;
    if (isBlank(value)) {
      if (required) problems.push({ field, message: `missing ${field}` });
      else fields[field] = null;
      continue;
    }
    const parsed = parse(value);
    if ('value' in parsed) fields[field] = parsed.value;
    else problems.push({ field, message: invalidMessage(field, parsed.invalid) });
  }
  return { fields: fields as Partial<NewAgency>, errors: problems.map((p) => p.message), problems };
}

/** The code to echo in an item's result: what was sent, trimmed, or '' when it was not text. */
export function echoedCode(raw: unknown): string {
  const code = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).code : undefined;
  return scalar(code)?.trim() ?? '';
}
