import { hash, randomBytes } from 'node:crypto';
import currencyCodes from 'currency-codes';
import type { Db } from '../store/db.ts';
import * as store from '../store/tenants.ts';
import { isValidTimezone, nowIso } from './dates.ts';
import { DomainError, invalid, notFound } from './errors.ts';

export type Tenant = store.TenantRow;

/** What every authenticated request carries: the tenant it may see, and the key that made it. */
export interface Scope {
  tenantId: number;
  keyId: number;
}

export interface NewTenant {
  name: string;
  prefix?: string;
  timezone?: string;
  currency?: string;
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
  };
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

// Keys carry 192 random bits, so a fast hash is enough to make a leaked table useless while every request
// verifies in microseconds; a password KDF here would only slow down each call.
export function hashKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/**
 * Verified keys, remembered briefly: checking the store on every request would cost more than the lookup the
 * request is for. A revocation is seen at once by this process and within KEY_RECHECK_MS by every other node.
 */
const KEY_RECHECK_MS = 1000;
const verified = new Map<string, { scope: Scope; until: number }>();

function remember(keyHash: string, scope: Scope) {
  if (verified.size >= 10_000) verified.clear();
  verified.set(keyHash, { scope, until: Date.now() + KEY_RECHECK_MS });
}

export interface IssuedKey {
  id: number;
  key: string;
  prefix: string;
  tenant: number;
}

export async function createApiKey(db: Db, tenantId: number): Promise<IssuedKey> {
  await getTenant(db, tenantId);
  const key = `ck_${randomBytes(24).toString('base64url')}`;
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
  const revoked = await store.revokeKeys(db, prefixOrId, nowIso());
  verified.clear();
  if (revoked === 0) throw notFound(`no active key matches ${prefixOrId}`);
  return revoked;
}

/** The scope of a presented key; a missing, unknown or revoked key is `unauthorized`. */
export async function authenticate(db: Db, key: string | undefined): Promise<Scope> {
  if (!key) throw new DomainError('missing_key', 'missing key');
  const keyHash = hashKey(key);
  const known = verified.get(keyHash);
  if (known && known.until > Date.now()) return known.scope;
  const row = await store.findActiveKeyByHash(db, keyHash);
  if (!row) {
    verified.delete(keyHash);
    throw new DomainError('bad_key', 'unknown or revoked key');
  }
  const scope = { tenantId: row.tenant_id, keyId: row.id };
  remember(keyHash, scope);
  return scope;
}
