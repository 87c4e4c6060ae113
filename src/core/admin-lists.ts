import * as store from '../store/admin-lists.ts';
import type { Db } from '../store/db.ts';
import { nowIso } from './dates.ts';
import { DomainError, invalid, notFound } from './errors.ts';
import { findCardById, listCards } from '../store/cards.ts';
import { setAgenciesEnabled } from './agency-status.ts';
import { searchKey } from './customers.ts';
import { blindIndex } from './data-keys.ts';
import { emailKey, phoneKey } from './phones.ts';
import { forgetVerifiedKeys, getTenant, type Scope } from './tenants.ts';

// What the admin API lists beyond the dialects' calls: pages in id order after a position, each in one tenant.

export const tenantsAfter = (db: Db, after: number, limit: number) => store.tenantsAfter(db, after, limit);

export async function keysOfTenant(db: Db, tenantId: number, after: number, limit: number) {
  await getTenant(db, tenantId);
  return store.keysOfTenant(db, tenantId, after, limit);
}

/** Revokes one of the tenant's keys; another tenant's key id is a missing one. */
export async function revokeKeyOfTenant(db: Db, tenantId: number, id: number): Promise<void> {
  await getTenant(db, tenantId);
  const revoked = await store.revokeKeyOfTenant(db, tenantId, id, nowIso());
  forgetVerifiedKeys();
  if (!revoked) throw notFound(`no active key ${id}`);
}

const MIN_PHONE_DIGITS = 5;

/**
 * `q` as one indexed lookup: an e-mail (it has an @), a phone (only phone characters, at least five digits), or
 * else a name or surname prefix, or a document number. Blank: every customer.
 */
export function customerQuery(q: string | undefined, scope: Scope): store.CustomerQuery {
  const written = q?.trim() ?? '';
  if (written === '') return {};
  if (written.length > 200) throw invalid('q is at most 200 characters', 'q');
  if (written.includes('@')) return { emailKey: emailKey(written) ?? '' };
  const digits = written.replace(/\D/g, '');
  if (/^[\d\s()+.-]+$/.test(written) && digits.length >= MIN_PHONE_DIGITS) {
    return { phoneKey: phoneKey(written, scope.country) ?? '' };
  }
  // A document number is found by its blind index, never by decrypting.
  return { text: searchKey(written), document: blindIndex(scope.tenantId, written) };
}

export async function searchCustomers(
  db: Db,
  scope: Scope,
  q: string | undefined,
  after: number,
  limit: number,
) {
  await getTenant(db, scope.tenantId);
  return store.searchCustomers(db, scope.tenantId, customerQuery(q, scope), after, limit);
}

export async function cardsAfter(db: Db, scope: Scope, after: number, limit: number) {
  await getTenant(db, scope.tenantId);
  return listCards(db, scope.tenantId, after, limit);
}

export async function requireCardById(db: Db, scope: Scope, id: number) {
  const card = await findCardById(db, scope.tenantId, id);
  if (!card) throw new DomainError('card_not_found', 'card not found', 'card');
  return card;
}

export async function ownersAfter(db: Db, scope: Scope, after: number, limit: number) {
  await getTenant(db, scope.tenantId);
  return store.ownersAfter(db, scope.tenantId, after, limit);
}

export async function agenciesAfter(
  db: Db,
  scope: Scope,
  ownerId: number | undefined,
  after: number,
  limit: number,
) {
  await getTenant(db, scope.tenantId);
  return store.agenciesAfter(db, scope.tenantId, ownerId, after, limit);
}

export async function requireAgency(db: Db, scope: Scope, id: number) {
  const agency = await store.findAgency(db, scope.tenantId, id);
  if (!agency) throw notFound('agency not found');
  return agency;
}

/** Enables or disables one agency through the same core operation as Netstorming's enable/disable. */
export async function setAgencyEnabled(db: Db, scope: Scope, id: number, enabled: boolean) {
  const agency = await requireAgency(db, scope, id);
  const owner = await store.findOwnerById(db, scope.tenantId, agency.owner_id);
  if (!owner) throw notFound('agency not found');
  await setAgenciesEnabled(db, scope, { owner, refs: [{ by: 'code', key: agency.code }], enabled });
  return requireAgency(db, scope, id);
}
