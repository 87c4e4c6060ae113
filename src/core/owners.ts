import type { Db } from '../store/db.ts';
import * as store from '../store/owners.ts';
import { AGENCY_CODE } from './agencies.ts';
import { nowIso } from './dates.ts';
import { conflict, DomainError, invalid } from './errors.ts';
import { getTenant, type Scope } from './tenants.ts';

/** A tour operator's sub-account inside a tenant: the owner of the agencies loaded through Netstorming. */
export type Owner = store.OwnerRow;

export interface NewOwner {
  code: string;
  name?: string;
}

export async function createOwner(db: Db, tenantId: number, input: NewOwner): Promise<Owner> {
  const code = input.code.trim();
  if (!AGENCY_CODE.test(code)) throw invalid('owner code must be 3 to 12 of A-Z, a-z, 0-9, _', 'code');
  const name = (input.name ?? code).trim();
  if (name === '' || name.length > 100) throw invalid('owner name must be 1 to 100 characters', 'name');
  await getTenant(db, tenantId);
  if (await store.findOwnerByCode(db, tenantId, code)) {
    throw conflict(`owner ${code} already exists in tenant ${tenantId}`);
  }
  return store.insertOwner(db, { tenant_id: tenantId, code, name, created_at: nowIso() });
}

export const listOwners = (db: Db, tenantId?: number) => store.listOwners(db, tenantId);

/**
 * The owner named by a request inside the caller's tenant. An owner of another tenant is refused exactly like
 * one that does not exist, so codes of other tenants cannot be probed.
 */
export async function requireOwner(db: Db, scope: Scope, code: string): Promise<Owner> {
  const owner = await store.findOwnerByCode(db, scope.tenantId, code.trim());
  if (!owner) throw new DomainError('bad_owner', 'invalid owner_code');
  return owner;
}
