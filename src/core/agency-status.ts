import * as store from '../store/agencies.ts';
import type { Db } from '../store/db.ts';
import { nowIso } from './dates.ts';
import type { Owner } from './owners.ts';
import type { Scope } from './tenants.ts';

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
  await db
    .transaction()
    .execute((trx) =>
      store.setAgenciesEnabled(trx, scope.tenantId, [...new Set(ids)], change.enabled, nowIso()),
    );
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
  const agencyId = await store.findAgencyId(db, scope.tenantId, change.owner.id, change.code);
  if (agencyId === undefined) return ['invalid code'];
  const done = await store.setUserForeignCode(
    db,
    scope.tenantId,
    agencyId,
    change.userLogin,
    change.foreignCode,
  );
  return done ? [] : ['invalid user_login'];
}
