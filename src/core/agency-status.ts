import * as store from '../store/agencies.ts';
import type { Db } from '../store/db.ts';
import { isBlank, text } from './agency-validation.ts';
import { requireBatch } from './agencies.ts';
import { nowIso } from './dates.ts';
import { requireOwner } from './owners.ts';
import type { Scope } from './tenants.ts';

/** Enabling, disabling and tagging existing agencies of an owner (Netstorming enable, disable, setForeignCode). */
export interface StatusChange {
  ownerCode: unknown;
  customers: unknown;
  enabled: boolean;
  itemLimit: number;
}

/** One item's fate: `key` is the code or foreign code it named (null when it named none). */
export interface RefOutcome {
  key: string | null;
  ok: boolean;
  errors: string[];
}

interface Ref {
  by: 'code' | 'foreign_code';
  key: string;
}

/** `{code}` or `{foreign_code}`; a code wins when both are given. */
function refOf(raw: unknown): Ref | null {
  const item = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  for (const by of ['code', 'foreign_code'] as const) {
    const value = item[by];
    if (typeof value === 'string' && value.trim() !== '') return { by, key: value.trim() };
  }
  return null;
}

export async function setAgenciesEnabled(db: Db, scope: Scope, change: StatusChange): Promise<RefOutcome[]> {
  const owner = await requireOwner(db, scope, change.ownerCode);
  const refs = requireBatch(change.customers, 'customers', change.itemLimit).map(refOf);
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
  ownerCode: unknown;
  code: unknown;
  userLogin: unknown;
  foreignCode: unknown;
}

const foreignCodeRule = text(1, 100);

/** Sets the foreign code of one user of one agency; returns the request's messages (none means success). */
export async function setForeignCode(db: Db, scope: Scope, change: ForeignCodeChange): Promise<string[]> {
  const owner = await requireOwner(db, scope, change.ownerCode);
  const missing = (
    [
      ['code', change.code],
      ['user_login', change.userLogin],
      ['foreign_code', change.foreignCode],
    ] as const
  ).flatMap(([field, value]) => (isBlank(value) ? [`missing ${field}`] : []));
  if (missing.length > 0) return missing;
  const foreignCode = foreignCodeRule(change.foreignCode);
  if (!('value' in foreignCode)) return ['invalid foreign_code'];
  const agencyId = await store.findAgencyId(db, scope.tenantId, owner.id, String(change.code).trim());
  if (agencyId === undefined) return ['invalid code'];
  const login = String(change.userLogin).trim();
  const done = await store.setUserForeignCode(db, scope.tenantId, agencyId, login, String(foreignCode.value));
  return done ? [] : ['invalid user_login'];
}
