import { inTransaction } from '../store/transaction.ts';
import type { Db } from '../store/db.ts';
import * as store from '../store/documents.ts';
import { requireCustomer } from './customers.ts';
import { refuseStandIn } from './erased-stand-in.ts';
import { withinLimit } from './characters.ts';
import { sealFields } from './document-seal.ts';
import { countryCode } from './countries.ts';
import { isIsoDate } from './dates.ts';
import { invalid, missing } from './errors.ts';
import { emit } from './events.ts';
import type { Scope } from './tenants.ts';
import { nowIsoOf } from './clock.ts';

/**
 * Generic document types, and the Italian guest-registration (Alloggiati Web) codes the vendor accepts as
 * `it_<CODE>`.
 */
const GENERIC_TYPES = ['p', 'i', 'd'];
const ITALIAN_CODES = [
  'IDENT',
  'IDELE',
  'CERID',
  'CIDIP',
  'PASOR',
  'PASDI',
  'PASSE',
  'PATEN',
  'PATNA',
  'PORM1',
  'TESDI',
  'TESMI',
  'TESPT',
  'TESUN',
  'ACMIL',
  'ACSOT',
  'ACUFF',
  'AMMIC',
  'APPAR',
  'CCMIL',
  'CFMIL',
];
export const DOCUMENT_TYPES: ReadonlySet<string> = new Set([
  ...GENERIC_TYPES,
  ...ITALIAN_CODES.map((code) => `it_${code}`),
]);

const GENERIC_NAMES: Readonly<Record<string, string>> = {
  p: 'Passport',
  i: 'Identity card',
  d: 'Driving licence',
};

/**
 * The document types `upload_docdata` accepts, with a name each, as `/kapi/symbols/get_doc_types` lists them:
 * built from the same lists as DOCUMENT_TYPES, so the list and the check cannot drift apart. The check accepts
 * every type for any document country, so the list does not depend on the `country` asked for either.
 */
export function documentTypeNames(): Record<string, string> {
  const names: Record<string, string> = { ...GENERIC_NAMES };
  for (const code of ITALIAN_CODES) names[`it_${code}`] = code;
  return names;
}

export interface DocumentInput {
  doc_type: string;
  doc_country: string;
  doc_number: string;
  doc_issue: string;
  doc_expiry: string;
  doc_issuer?: string | null;
  doc_medium?: string | null;
}

export type CustomerDocument = Required<DocumentInput> & { id: number };

function required(input: DocumentInput, field: keyof DocumentInput): string {
  const value = input[field];
  if (typeof value !== 'string' || value.trim() === '') throw missing(`missing parameter: ${field}`, field);
  return withinLimit(value.trim(), field);
}

function optional(input: DocumentInput, field: 'doc_issuer' | 'doc_medium'): string | null {
  const value = input[field];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw invalid(`invalid value: ${field}`, field);
  return withinLimit(value.trim(), field);
}

export function validateDocument(input: DocumentInput): Omit<CustomerDocument, 'id'> {
  const docType = required(input, 'doc_type');
  if (!DOCUMENT_TYPES.has(docType)) throw invalid(`invalid document type: ${docType}`, 'doc_type');
  const country = countryCode(required(input, 'doc_country'));
  if (!country) throw invalid('invalid country: doc_country', 'doc_country');
  for (const field of ['doc_issue', 'doc_expiry'] as const) {
    if (!isIsoDate(required(input, field))) throw invalid(`invalid date: ${field}`, field);
  }
  if (input.doc_expiry <= input.doc_issue)
    throw invalid('invalid date: doc_expiry must follow doc_issue', 'doc_expiry');
  return {
    doc_type: docType,
    doc_country: country,
    doc_number: required(input, 'doc_number'),
    doc_issue: input.doc_issue,
    doc_expiry: input.doc_expiry,
    doc_issuer: optional(input, 'doc_issuer'),
    doc_medium: optional(input, 'doc_medium'),
  };
}

/** Stores a document of a customer; one with the same type and number replaces the earlier one. */
export async function saveDocument(
  db: Db,
  scope: Scope,
  customerId: number,
  input: DocumentInput,
): Promise<void> {
  const doc = validateDocument(input);
  await inTransaction(db, async (trx) => {
    await requireCustomer(trx, scope, customerId);
    await refuseStandIn(trx, scope.tenantId, [customerId], 'it takes no document');
    await insertValidatedDocument(trx, scope, customerId, doc);
  });
}

/** Inside an open transaction: stores an already validated document for a customer known to the tenant. */
export async function insertValidatedDocument(
  trx: Db,
  scope: Scope,
  customerId: number,
  doc: Omit<CustomerDocument, 'id'>,
): Promise<void> {
  await store.upsertDocument(trx, {
    ...doc,
    ...sealFields(scope.tenantId, doc),
    tenant_id: scope.tenantId,
    customer_id: customerId,
    created_at: nowIsoOf(scope),
  });
  // The document's number stays out of the event: receivers read it through the API if they may.
  await emit(trx, scope.tenantId, 'customer.document_saved', {
    customer: customerId,
    doc_type: doc.doc_type,
    doc_country: doc.doc_country,
  });
}
