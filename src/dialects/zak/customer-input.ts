import type { CustomerInput } from '../../core/customers.ts';
import type { DocumentInput } from '../../core/documents.ts';
import { invalid, missing } from '../../core/errors.ts';
import { numberText } from '../../core/number-text.ts';
import { parseDate } from './params.ts';

/** custdata keys → core fields; the vendor's own documents spell `birth_country` both ways. */
const CUSTOMER_FIELDS: Record<string, keyof CustomerInput> = {
  name: 'name',
  surname: 'surname',
  country: 'country',
  birth_country: 'birth_country',
  birth_contry: 'birth_country',
  residence_country: 'residence_country',
  phone: 'phone',
  zipcode: 'zipcode',
  address: 'address',
  city: 'city',
  birth_city: 'birth_city',
  email: 'email',
  gender: 'gender',
  cf: 'cf',
  bill_address: 'bill_address',
  bill_city: 'bill_city',
  bill_zip: 'bill_zip',
  bill_country: 'bill_country',
  bill_name: 'bill_name',
  vat_number: 'vat_number',
};

function wireText(value: unknown, field: string): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  const text = typeof value === 'number' ? numberText(value) : null;
  if (text === null) throw invalid(`invalid value: ${field}`, field);
  return text;
}

export function customerInput(custdata: Record<string, unknown>): CustomerInput {
  const input: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(custdata)) {
    const field = Object.hasOwn(CUSTOMER_FIELDS, key) ? CUSTOMER_FIELDS[key] : undefined;
    if (field === undefined || value === undefined) continue;
    input[field] = wireText(value, key);
  }
  const birthday = custdata.birthday;
  if (birthday !== undefined)
    input.birthday = birthday === null || birthday === '' ? null : parseDate(birthday, 'birthday');
  return input;
}

export function documentInput(docdata: Record<string, unknown>): DocumentInput {
  const field = (name: keyof DocumentInput) => wireText(docdata[name] ?? null, name) ?? undefined;
  const date = (name: 'doc_issue' | 'doc_expiry') => {
    const raw = docdata[name];
    if (raw === undefined || raw === null || raw === '') throw missing(`missing parameter: ${name}`, name);
    return parseDate(raw, name);
  };
  return {
    doc_type: field('doc_type') ?? '',
    doc_country: field('doc_country') ?? '',
    doc_number: field('doc_number') ?? '',
    doc_issue: date('doc_issue'),
    doc_expiry: date('doc_expiry'),
    doc_issuer: field('doc_issuer') ?? null,
    doc_medium: field('doc_medium') ?? null,
  };
}
