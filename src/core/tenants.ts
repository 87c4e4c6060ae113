import { hash, randomBytes } from 'node:crypto';
import currencyCodes from 'currency-codes';
import type { Db } from '../store/db.ts';
import * as store from '../store/tenants.ts';
import { UniqueViolation } from '../store/unique.ts';
import { isValidTimezone, nowIso } from './dates.ts';
import { DomainError, invalid, notFound } from './errors.ts';
import { idFromDigits } from './int32.ts';
import { RecentlyVerified } from './recent.ts';
import { DEFAULT_PHONE_COUNTRY, isPhoneCountry } from '../lib/phone-key.ts';

export type Tenant = store.TenantRow;

/** What every authenticated request carries: the tenant it may see, and the key that made it. */
/** A sandbox tenant's clock (core/clock.ts): a pinned day, or a shift of the real clock by whole days. */
export interface TenantClock {
  today: string | null;
  offsetDays: number | null;
}

export interface Scope {
  tenantId: number;
  keyId: number;
  /** The tenant's country: whose rules read phone numbers without a country code (RU when not known). */
  country?: string;
  /** The tenant's sandbox clock (core/clock.ts); absent or null: the real clock. */
  clock?: TenantClock | null;
}

export interface NewTenant {
  name: string;
  prefix?: string;
  timezone?: string;
  currency?: string;
  /** ISO 3166-1 alpha-2; RU when absent (the phone rules every tenant had before countries). */
  country?: string;
}

const KEY_PREFIX_LENGTH = 11;

function validateTenant(input: NewTenant): Omit<Tenant, 'id' | 'created_at'> {
  const name = input.name.trim();
  if (name === '' || name.length > 200) throw invalid('name must be 1 to 200 characters', 'name');
  const prefix =
    input.prefix ??
    name
      .replace(/[^A-Za-z]/g, '')
      .padEnd(2, 'X')
      .slice(0, 2);
  return {
    name,
    ...validateTenantSettings({
      prefix,
      timezone: input.timezone ?? 'UTC',
      currency: input.currency ?? 'EUR',
    }),
    country: validateCountry(input.country ?? DEFAULT_PHONE_COUNTRY),
  };
}

/** A tenant's country: an ISO 3166-1 alpha-2 code whose phone numbering plan is known. */
export function validateCountry(value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code) || !isPhoneCountry(code))
    throw invalid(`unknown country: ${value}`, 'country');
  return code;
}

/** A tenant's reservation prefix (two letters, upper-cased), time zone and ISO 4217 currency. */
export function validateTenantSettings(input: { prefix: string; timezone: string; currency: string }) {
  const prefix = input.prefix.toUpperCase();
  if (!/^[A-Z]{2}$/.test(prefix)) throw invalid('prefix must be two letters', 'prefix');
  const timezone = input.timezone;
  if (!isValidTimezone(timezone)) throw invalid(`unknown time zone: ${timezone}`, 'timezone');
  const currency = input.currency.toUpperCase();
  if (!currencyCodes.code(currency)) throw invalid(`unknown ISO 4217 currency: ${currency}`, 'currency');
  return { prefix, timezone, currency };
}

export async function createTenant(db: Db, input: NewTenant): Promise<Tenant> {
  return store.insertTenant(db, { ...validateTenant(input), created_at: nowIso() });
}

export const listTenants = (db: Db) => store.listTenants(db);

export async function getTenant(db: Db, id: number): Promise<Tenant> {
  const tenant = await store.findTenant(db, id);
  if (!tenant) throw notFound(`tenant ${id} not found`);
  return tenant;
}

// Keys carry 192 random bits, so a fast hash is enough to make a leaked table useless while a key not remembered
// (see RecentlyVerified) verifies in microseconds; a password KDF here would only slow down those calls.
export function hashKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** Verified keys: a revocation is seen by every node within a second (see RecentlyVerified). */
const verified = new RecentlyVerified<Scope>();

/** After a revocation: this process refuses the key at once (other nodes within a second). */
export function forgetVerifiedKeys(): void {
  verified.clear();
}

export interface IssuedKey {
  id: number;
  key: string;
  prefix: string;
  tenant: number;
}

export async function createApiKey(db: Db, tenantId: number): Promise<IssuedKey> {
  return issueKey(db, tenantId, `ck_${randomBytes(24).toString('base64url')}`);
}

/**
 * A sandbox tenant's key derived from a seed, so that a test suite can know it before the tenant exists
 * (docs/sandbox.md). Anyone who knows the seed knows the key: only `tenant create --sandbox` offers it.
 */
export async function createSeededApiKey(db: Db, tenantId: number, seed: string): Promise<IssuedKey> {
  if (seed.length < 8) throw invalid('a key seed has at least 8 characters', 'key_seed');
  const bytes = Buffer.from(hash('sha256', `clientele sandbox key:${seed}`, 'hex'), 'hex').subarray(0, 24);
  try {
    return await issueKey(db, tenantId, `ck_${bytes.toString('base64url')}`);
  } catch (error) {
    // A seed makes one key: a second tenant cannot have it (nor the first one twice).
    if (!(error instanceof UniqueViolation)) throw error;
    throw invalid('this key seed is in use by another tenant of this store: give another one', 'key_seed');
  }
}

async function issueKey(db: Db, tenantId: number, key: string): Promise<IssuedKey> {
  await getTenant(db, tenantId);
  const prefix = key.slice(0, KEY_PREFIX_LENGTH);
  const id = await store.insertApiKey(db, {
    tenant_id: tenantId,
    prefix,
    key_hash: hashKey(key),
    created_at: nowIso(),
  });
  return { id, key, prefix, tenant: tenantId };
}

export type ApiKeyInfo = store.ApiKeyRow;

/** The keys of a tenant (which must exist): id, clear prefix, when made and revoked. */
export async function listApiKeys(db: Db, tenantId: number): Promise<ApiKeyInfo[]> {
  await getTenant(db, tenantId);
  return store.listApiKeys(db, tenantId);
}

export async function revokeApiKey(db: Db, prefixOrId: string): Promise<number> {
  // A key is named by its id or its prefix (`ck_…`, never digits alone).
  const revoked = await store.revokeKeys(db, idFromDigits(prefixOrId) ?? null, prefixOrId, nowIso());
  verified.clear();
  if (revoked === 0) throw notFound(`no active key matches ${prefixOrId}`);
  return revoked;
}

/** The scope of a presented key; a missing, unknown or revoked key is `unauthorized`. */
export async function authenticate(db: Db, key: string | undefined): Promise<Scope> {
  if (!key) throw new DomainError('missing_key', 'missing key');
  const known = verified.get(key);
  if (known) return known;
  const row = await store.findActiveKeyByHash(db, hashKey(key));
  if (!row) throw new DomainError('bad_key', 'unknown or revoked key');
  const clock =
    row.today === null && row.offset_days === null
      ? null
      : { today: row.today, offsetDays: row.offset_days === null ? null : Number(row.offset_days) };
  const scope: Scope = { tenantId: row.tenant_id, keyId: row.id, country: row.country };
  if (clock) scope.clock = clock;
  verified.remember(key, scope);
  return scope;
}
