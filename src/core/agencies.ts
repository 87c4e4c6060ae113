import { inTransaction } from '../store/transaction.ts';
import * as store from '../store/agencies.ts';
import type { Db } from '../store/db.ts';
import type { AgencyFields, AgencyFlag } from '../store/schema/agencies.ts';
import { nowIso } from './dates.ts';
import { emit } from './events.ts';
import type { OwnerRow as Owner } from '../store/owners.ts';
import { hashPasswords } from './passwords.ts';

/**
 * B2B customers (agencies) loaded in bulk, each with its admin user. Items succeed or fail one by one; see
 * docs/netstorming.md for every rule.
 */
/** Netstorming customer codes and user logins: 3 to 12 of A-Z, a-z, 0-9 and _. */
export const AGENCY_CODE = /^[A-Za-z0-9_]{3,12}$/;

/**
 * An inserted customer: the stored agency fields (flags as booleans here) and its admin user's. The agency fields
 * are written once, in the store's schema.
 */
export type NewAgency = {
  [K in keyof AgencyFields]: K extends AgencyFlag
    ? boolean | Extract<AgencyFields[K], null>
    : AgencyFields[K];
} & {
  admin_user_name: string;
  admin_user_email: string;
  admin_user_login: string;
  admin_user_psw: string;
  admin_user_foreign_code: string | null;
};

/** One item of an insert as the dialect read it: the fields that passed their rules, and the messages of those
 * that did not (none for a valid item, whose fields are then complete). */
export interface CheckedAgency {
  /** The code to echo in the item's result. */
  code: string;
  fields: Partial<NewAgency>;
  errors: string[];
}

export interface BulkInsert {
  owner: Owner;
  items: CheckedAgency[];
  dryRun: boolean;
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

interface Entry {
  fields: Partial<NewAgency>;
  outcome: ItemOutcome;
}

/** Inserts the owner's (already found with `requireOwner`) valid items; per-item outcomes in request order. */
export async function insertAgencies(db: Db, request: BulkInsert): Promise<ItemOutcome[]> {
  const { owner } = request;
  const entries: Entry[] = request.items.map(({ code, fields, errors }) => ({
    fields,
    outcome: { code, ok: false, errors: [...errors] },
  }));
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
  const inserted = await inTransaction(db, async (trx) => {
    const ids = await store.insertAgenciesWithAdmins(trx, rows);
    for (const { agency } of rows) {
      const id = ids.get(agency.code);
      if (id === undefined) continue;
      const data = { agency: id, owner: owner.id, code: agency.code, name: agency.name };
      await emit(trx, owner.tenant_id, 'agency.created', data);
    }
    return ids;
  });
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
