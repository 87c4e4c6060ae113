import { inTransaction } from '../store/transaction.ts';
import * as store from '../store/agencies.ts';
import type { Db } from '../store/db.ts';
import { emit } from './events.ts';
import type { Owner } from './owners.ts';
import type { Scope } from './tenants.ts';
import { nowIsoOf } from './clock.ts';

/** Enabling, disabling and tagging existing agencies of an owner (Netstorming enable, disable, setForeignCode). */
export interface StatusChange {
  owner: Owner;
  /** The items in request order: each names a customer by code or foreign code, or (null) names none. */
  refs: Array<Ref | null>;
  enabled: boolean;
}

/** One item's fate: `key` is the code or foreign code it named (null when it named none). */
export interface RefOutcome {
  key: string | null;
  ok: boolean;
  errors: string[];
}

export interface Ref {
  by: 'code' | 'foreign_code';
  key: string;
}

export async function setAgenciesEnabled(db: Db, scope: Scope, change: StatusChange): Promise<RefOutcome[]> {
  const { owner, refs } = change;
  const keys = (by: Ref['by']) => [...new Set(refs.flatMap((ref) => (ref?.by === by ? [ref.key] : [])))];
  const found = {
    code: await store.agencyIdsByCode(db, scope.tenantId, owner.id, keys('code')),
    foreign_code: await store.agencyIdsByForeignCode(db, scope.tenantId, owner.id, keys('foreign_code')),
  };
  const ids = [...found.code.values(), ...found.foreign_code.values()].flat();
  await inTransaction(db, async (trx) => {
    const changed = await store.setAgenciesEnabled(
      trx,
      scope.tenantId,
      [...new Set(ids)],
      change.enabled,
      nowIsoOf(scope),
    );
    const type = change.enabled ? 'agency.enabled' : 'agency.disabled';
    for (const agency of changed) await emit(trx, scope.tenantId, type, { agency });
  });
  return refs.map((ref) => {
    if (!ref) return { key: null, ok: false, errors: ['missing code'] };
    const ok = found[ref.by].has(ref.key);
    return { key: ref.key, ok, errors: ok ? [] : [`invalid ${ref.by} (not found)`] };
  });
}

export interface ForeignCodeChange {
  owner: Owner;
  code: string;
  userLogin: string;
  foreignCode: string;
}

/** Sets the foreign code of one user of one agency; returns the request's messages (none means success). */
export async function setForeignCode(db: Db, scope: Scope, change: ForeignCodeChange): Promise<string[]> {
  return inTransaction(db, async (trx) => {
    const agency = await store.findAgencyId(trx, scope.tenantId, change.owner.id, change.code);
    if (agency === undefined) return ['invalid code'];
    const { userLogin: user_login, foreignCode: foreign_code } = change;
    if (!(await store.setUserForeignCode(trx, scope.tenantId, agency, user_login, foreign_code)))
      return ['invalid user_login'];
    await emit(trx, scope.tenantId, 'agency.user_changed', { agency, user_login, foreign_code });
    return [];
  });
}
