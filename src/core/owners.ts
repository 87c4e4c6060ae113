import type { Db } from '../store/db.ts';
import * as store from '../store/owners.ts';
import { CODE_RULE, isBlank } from './agency-validation.ts';
import { nowIso } from './dates.ts';
import { conflict, DomainError, invalid, missing } from './errors.ts';
import { getTenant, type Scope } from './tenants.ts';

/** A tour operator's sub-account inside a tenant: the owner of the agencies loaded through Netstorming. */
export type Owner = store.OwnerRow;

export interface NewOwner {
  code: string;
  name?: string;
}

export async function createOwner(db: Db, tenantId: number, input: NewOwner): Promise<Owner> {
  const code = CODE_RULE(input.code);
  if (!('value' in code)) throw invalid('owner code must be 3 to 12 of A-Z, a-z, 0-9, _', 'code');
  const name = (input.name ?? String(code.value)).trim();
  if (name === '' || name.length > 100) throw invalid('owner name must be 1 to 100 characters', 'name');
  await getTenant(db, tenantId);
  if (await store.findOwnerByCode(db, tenantId, String(code.value))) {
    throw conflict(`owner ${code.value} already exists in tenant ${tenantId}`);
  }
  return store.insertOwner(db, { tenant_id: tenantId, code: String(code.value), name, created_at: nowIso() });
}

export const listOwners = (db: Db, tenantId?: number) => store.listOwners(db, tenantId);

/**
 * The owner named by a request inside the caller's tenant. An owner of another tenant is refused exactly like
 * one that does not exist, so codes of other tenants cannot be probed.
 */
export async function requireOwner(db: Db, scope: Scope, code: unknown): Promise<Owner> {
  if (isBlank(code)) throw missing('missing owner_code', 'owner_code');
  const owner =
    typeof code === 'string' ? await store.findOwnerByCode(db, scope.tenantId, code.trim()) : undefined;
  if (!owner) throw new DomainError('bad_owner', 'invalid owner_code');
  return owner;
}
