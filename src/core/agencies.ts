import * as store from '../store/agencies.ts';
import type { Db } from '../store/db.ts';
import { FLAG_HINT, checkAgency, echoedCode, parseFlag, type NewAgency } from './agency-validation.ts';
import { nowIso } from './dates.ts';
import { invalid, missing } from './errors.ts';
import { requireOwner, type Owner } from './owners.ts';
import { hashPasswords } from './passwords.ts';
import type { Scope } from './tenants.ts';

/**
 * B2B customers (agencies) loaded in bulk, each with its admin user. Items succeed or fail one by one; see
 * docs/netstorming.md for every rule.
 */
export interface BulkInsert {
  ownerCode: unknown;
  customers: unknown;
  dryRun: boolean;
  /** Most items accepted in one call (config.bulkItemLimit). */
  itemLimit: number;
  /** scrypt cost for the admin passwords (config.passwordScryptN). */
  scryptN: number;
  /** Aborted when the client went away: the remaining chunks are skipped. */
  signal?: AbortSignal;
}

/** One item's fate, in request order: `ok` means created (or, in a dry run, would be created). */
export interface ItemOutcome {
  code: string;
  ok: boolean;
  errors: string[];
}

export const DUPLICATE_CODE = 'invalid code (already exists)';

/**
 * Agencies written per transaction. Each chunk is one short transaction holding its agencies and their admin
 * users together (a crash never leaves an agency without its admin), short enough that other requests sharing
 * the SQLite connection wait milliseconds, not the whole batch. 100 rows × 40 columns stays far under the bound
 * variable limits of both databases.
 */
const WRITE_CHUNK = 100;

/** A `dry_run` flag as the request sends it: absent means false. */
export function dryRunFlag(raw: unknown): boolean {
  if (raw === undefined || raw === null) return false;
  const flag = parseFlag(raw);
  if (flag === null) throw invalid(`invalid dry_run (${FLAG_HINT})`, 'dry_run');
  return flag;
}

/** The request's item list: 1 to `limit` entries, or a request-level `invalid`. */
export function requireBatch(raw: unknown, field: string, limit: number): unknown[] {
  if (raw === undefined || raw === null) throw missing(`missing ${field}`, field);
  if (!Array.isArray(raw)) throw invalid(`invalid ${field} (a list expected)`, field);
  if (raw.length === 0) throw invalid(`invalid ${field} (empty list)`, field);
  if (raw.length > limit) throw invalid(`invalid ${field} (more than ${limit} items)`, field);
  return raw;
}

interface Entry {
  fields: Partial<NewAgency>;
  outcome: ItemOutcome;
}

export async function insertAgencies(db: Db, scope: Scope, request: BulkInsert): Promise<ItemOutcome[]> {
  const owner = await requireOwner(db, scope, request.ownerCode);
  const entries = await checkAll(requireBatch(request.customers, 'customers', request.itemLimit));
  await flagDuplicateCodes(db, entries);
  const valid = entries.filter(({ outcome }) => outcome.errors.length === 0);
  if (request.dryRun) {
    for (const { outcome } of valid) outcome.ok = true;
  } else {
    for (let start = 0; start < valid.length && !request.signal?.aborted; start += WRITE_CHUNK) {
      await writeChunk(db, owner, valid.slice(start, start + WRITE_CHUNK), request.scryptN);
    }
  }
  return entries.map(({ outcome }) => outcome);
}

/** Items checked per turn of the event loop: a 10,000-item batch never holds it for more than a few ms. */
const CHECK_SLICE = 500;

async function checkAll(items: unknown[]): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (const [i, item] of items.entries()) {
    if (i > 0 && i % CHECK_SLICE === 0) await new Promise(setImmediate);
    const { fields, errors } = checkAgency(item);
    entries.push({ fields, outcome: { code: echoedCode(item), ok: false, errors } });
  }
  return entries;
}

/**
 * A code already in the store, or repeated earlier in the batch, fails; its message comes first (code is the
 * first field). An earlier occurrence claims the code whether or not that item is valid.
 */
async function flagDuplicateCodes(db: Db, entries: Entry[]): Promise<void> {
  const codes = entries.flatMap(({ fields }) => (fields.code ? [fields.code] : []));
  const existing = await store.existingAgencyCodes(db, [...new Set(codes)]);
  const seen = new Set<string>();
  for (const { fields, outcome } of entries) {
    if (!fields.code) continue;
    if (existing.has(fields.code) || seen.has(fields.code)) outcome.errors.unshift(DUPLICATE_CODE);
    seen.add(fields.code);
  }
}

/** Hashes first, outside any transaction (a SQLite write lock is never held while scrypt runs), then writes. */
async function writeChunk(db: Db, owner: Owner, chunk: Entry[], scryptN: number): Promise<void> {
  // Every entry of a chunk passed every rule, so its fields are complete.
  const agencies = chunk.map(({ fields }) => fields as NewAgency);
  const hashes = await hashPasswords(
    agencies.map((agency) => agency.admin_user_psw),
    scryptN,
  );
  const at = nowIso();
  const rows = agencies.map((agency, i) => ({
    agency: agencyRow(owner, agency, at),
    admin: adminRow(owner, agency, hashes[i] as string, at),
  }));
  const inserted = await db.transaction().execute((trx) => store.insertAgenciesWithAdmins(trx, rows));
  for (const { fields, outcome } of chunk) {
    outcome.ok = inserted.has(fields.code as string);
    // Taken by a concurrent request between the check and the write.
    if (!outcome.ok) outcome.errors.push(DUPLICATE_CODE);
  }
}

const bit = (flag: boolean) => (flag ? 1 : 0);
const optionalBit = (flag: boolean | null) => (flag === null ? null : bit(flag));

function agencyRow(owner: Owner, a: NewAgency, at: string): store.NewAgencyRow {
  const {
    admin_user_name: _name,
    admin_user_email: _email,
    admin_user_login: _login,
    admin_user_psw: _psw,
    admin_user_foreign_code: _foreign,
    ...fields
  } = a;
  return {
    ...fields,
    tenant_id: owner.tenant_id,
    owner_id: owner.id,
    booking_online: bit(a.booking_online),
    blocked_in_deadline: bit(a.blocked_in_deadline),
    credit_card: bit(a.credit_card),
    force_contextual_payment: optionalBit(a.force_contextual_payment),
    enabled: 1,
    created_at: at,
    updated_at: at,
  };
}

function adminRow(owner: Owner, a: NewAgency, passwordHash: string, at: string): store.NewAgencyUserRow {
  return {
    tenant_id: owner.tenant_id,
    login: a.admin_user_login,
    name: a.admin_user_name,
    email: a.admin_user_email,
    password_hash: passwordHash,
    foreign_code: a.admin_user_foreign_code,
    is_admin: 1,
    created_at: at,
  };
}
