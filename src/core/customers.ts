import { inTransaction } from '../store/transaction.ts';
import type { Db } from '../store/db.ts';
import * as store from '../store/customers.ts';
import type { CustomerRow, DocumentRow } from '../store/customers.ts';
import { openFields } from './document-seal.ts';
import { MAX_TEXT, withinLimit } from './characters.ts';
import { countryCode } from './countries.ts';
import { isIsoDate, nowIso } from './dates.ts';
import { invalid, missing, notFound } from './errors.ts';
import { refuseStandIn } from './erased-stand-in.ts';
import { emit, publicValues } from './events.ts';
import { emailKey, isEmail, phoneKey } from './phones.ts';
import type { Scope } from './tenants.ts';
import { nowIsoOf } from './clock.ts';

/** A customer as the core knows it: the union of what every dialect can read or write. */
export type Customer = Omit<
  CustomerRow,
  'tenant_id' | 'email_key' | 'phone_key' | 'name_key' | 'surname_key'
>;

export const TEXT_FIELDS = [
  'name',
  'surname',
  'middle_name',
  'email',
  'phone',
  'birth_city',
  'city',
  'address',
  'zipcode',
  'cf',
  'bill_address',
  'bill_city',
  'bill_zip',
  'bill_name',
  'vat_number',
  'external_id',
  'custom_information',
] as const;
export const COUNTRY_FIELDS = ['country', 'birth_country', 'residence_country', 'bill_country'] as const;
export const FLAG_FIELDS = ['send_push', 'send_email', 'send_sms'] as const;
const GENDERS = new Set(['m', 'f', 'x']);

type TextField = (typeof TEXT_FIELDS)[number];
type CountryField = (typeof COUNTRY_FIELDS)[number];
type FlagField = (typeof FLAG_FIELDS)[number];

/** Fields a client may set; absent fields are left alone, null or '' clears an optional field. */
export type CustomerInput = Partial<Record<TextField | CountryField | 'gender' | 'birthday', string | null>> &
  Partial<Record<FlagField, boolean>> & {
    accumulated_sales_cents?: number;
    group_id?: number | null;
  };

export type CustomerChanges = Partial<Omit<CustomerRow, 'id' | 'tenant_id' | 'created_at' | 'created_by'>>;

function text(field: TextField, value: string | null): string | null {
  if (value === null) return null;
  if (typeof value !== 'string') throw invalid(`invalid value: ${field}`, field);
  const trimmed = value.trim();
  withinLimit(trimmed, field, field === 'custom_information' ? 4000 : MAX_TEXT);
  return trimmed === '' ? null : trimmed;
}

function country(field: CountryField, value: string | null): string | null {
  if (value === null || value === '') return null;
  const code = typeof value === 'string' ? countryCode(value) : null;
  if (!code) throw invalid(`invalid country: ${field}`, field);
  return code;
}

function gender(value: string | null): string | null {
  if (value === null || value === '') return null;
  const g = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (!GENDERS.has(g)) throw invalid('invalid value: gender (m, f or x)', 'gender');
  return g;
}

function birthday(value: string | null, today: string): string | null {
  if (value === null || value === '') return null;
  if (typeof value !== 'string' || !isIsoDate(value) || value > today)
    throw invalid('invalid date: birthday', 'birthday');
  return value;
}

/** A name as the admin search compares it: trimmed and lower-cased with JavaScript's Unicode rules. */
export const searchKey = (text: string): string => text.trim().toLowerCase();

/** Validates and normalises the fields present in `input` into column values. */
/** `phoneCountry`: the tenant's, whose rules read a phone written without a country code. */
export function normaliseCustomer(input: CustomerInput, phoneCountry?: string): CustomerChanges {
  const out: Record<string, string | number | null> = {};
  for (const field of TEXT_FIELDS) {
    if (input[field] !== undefined) out[field] = text(field, input[field]);
  }
  for (const field of COUNTRY_FIELDS) {
    if (input[field] !== undefined) out[field] = country(field, input[field]);
  }
  for (const field of FLAG_FIELDS) {
    if (input[field] !== undefined) out[field] = input[field] ? 1 : 0;
  }
  if (input.gender !== undefined) out.gender = gender(input.gender);
  if (input.birthday !== undefined) out.birthday = birthday(input.birthday, nowIso().slice(0, 10));
  if (input.accumulated_sales_cents !== undefined) {
    if (!Number.isSafeInteger(input.accumulated_sales_cents) || input.accumulated_sales_cents < 0) {
      throw invalid('invalid value: accumulated_sales', 'accumulated_sales');
    }
    out.accumulated_sales_cents = input.accumulated_sales_cents;
  }
  if (input.group_id !== undefined) out.group_id = input.group_id;
  if (typeof out.email === 'string' && !isEmail(out.email)) throw invalid('invalid value: email', 'email');
  if ('name' in out && out.name === null) throw missing('missing parameter: name', 'name');
  if ('surname' in out && out.surname === null) throw missing('missing parameter: surname', 'surname');
  if ('name' in out) out.name_key = searchKey(out.name as string);
  if ('surname' in out) out.surname_key = searchKey(out.surname as string);
  if ('email' in out) out.email_key = emailKey(out.email as string | null);
  if ('phone' in out) out.phone_key = phoneKey(out.phone as string | null, phoneCountry);
  return out as CustomerChanges;
}

/** Validates a new customer; name and surname are required. */
export function validateNewCustomer(
  input: CustomerInput,
  phoneCountry?: string,
): CustomerChanges & { name: string; surname: string } {
  const fields = normaliseCustomer(input, phoneCountry);
  if (!fields.name) throw missing('missing parameter: name', 'name');
  if (!fields.surname) throw missing('missing parameter: surname', 'surname');
  return { ...fields, name: fields.name, surname: fields.surname };
}

/** Inside an open transaction: inserts a customer already validated by `validateNewCustomer`. */
export async function insertValidatedCustomer(
  trx: Db,
  scope: Scope,
  fields: ReturnType<typeof validateNewCustomer>,
): Promise<number> {
  const at = nowIsoOf(scope);
  const id = await store.insertCustomer(trx, {
    ...fields,
    tenant_id: scope.tenantId,
    created_at: at,
    created_by: scope.keyId,
    updated_at: at,
    updated_by: scope.keyId,
  });
  await emit(trx, scope.tenantId, 'customer.created', { customer: id, fields: publicValues(fields) });
  return id;
}

export async function createCustomer(db: Db, scope: Scope, input: CustomerInput): Promise<number> {
  const fields = validateNewCustomer(input, scope.country);
  return inTransaction(db, (trx) => insertValidatedCustomer(trx, scope, fields));
}

/** Changes only the given fields; at least one is needed. */
export async function updateCustomer(
  db: Db,
  scope: Scope,
  id: number,
  input: CustomerInput,
): Promise<number> {
  const changes = customerChanges(input, scope.country);
  return inTransaction(db, (trx) => changeCustomer(trx, scope, id, changes));
}

/** The normalised changes of an update; at least one field is needed. */
export function customerChanges(input: CustomerInput, phoneCountry?: string): CustomerChanges {
  const changes = normaliseCustomer(input, phoneCountry);
  if (Object.keys(changes).length === 0)
    throw missing('missing parameter: custdata (no field to change)', 'custdata');
  return changes;
}

/** Inside an open transaction: writes changes already normalised by `normaliseCustomer`. */
export async function changeCustomer(
  trx: Db,
  scope: Scope,
  id: number,
  changes: CustomerChanges,
): Promise<number> {
  const updated = await store.updateCustomer(trx, scope.tenantId, id, {
    ...changes,
    updated_at: nowIsoOf(scope),
    updated_by: scope.keyId,
  });
  if (!updated) {
    await refuseStandIn(trx, scope.tenantId, [id], 'its fields cannot be changed');
    throw notFound('customer not found', 'customer_not_found');
  }
  await emit(trx, scope.tenantId, 'customer.updated', { customer: id, changes: publicValues(changes) });
  return id;
}

/** The customer `id` of the tenant; another tenant's id is reported exactly like a missing one. */
export async function requireCustomer(db: Db, scope: Scope, id: number): Promise<Customer> {
  const row = await store.findCustomer(db, scope.tenantId, id);
  if (!row) throw notFound('customer not found', 'customer_not_found');
  return row;
}

/**
 * A customer's stored document in clear, as every reader of a customer gets it (Zak `fetch_one`, the admin API, the
 * export). Built field by field: a rest copy of the row (dropping the ciphertext and key id) cost about a
 * microsecond a document (docs/benchmarks.md, issue 18).
 */
function openDocument(tenantId: number, row: DocumentRow) {
  const plain = openFields(tenantId, row);
  return {
    id: row.id,
    doc_type: row.doc_type,
    doc_country: row.doc_country,
    doc_number: plain.doc_number,
    doc_issuer: plain.doc_issuer,
    doc_issue: row.doc_issue,
    doc_expiry: row.doc_expiry,
    doc_medium: plain.doc_medium,
  };
}

/** The customer `id` with its identity documents, oldest first. */
export async function getCustomerWithDocuments(db: Db, scope: Scope, id: number) {
  const found = await store.findCustomerWithDocuments(db, scope.tenantId, id);
  if (!found) throw notFound('customer not found', 'customer_not_found');
  return { customer: found.customer, documents: found.documents.map((d) => openDocument(scope.tenantId, d)) };
}
