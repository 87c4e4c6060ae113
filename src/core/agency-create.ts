import { findAgency, findOwnerById, type AgencyRow } from '../store/admin-lists.ts';
import { findAgencyId } from '../store/agencies.ts';
import type { Db } from '../store/db.ts';
import { checkAgency } from './agency-fields.ts';
import { DUPLICATE_CODE, insertAgencies } from './agencies.ts';
import type { Scope } from './tenants.ts';

export type AgencyCreated =
  | { ok: true; agency: AgencyRow }
  /** Each refusal by its field, in Netstorming's words; `taken` when the only one is a code already in use. */
  | { ok: false; taken: boolean; problems: Array<{ field: string; message: string }> };

/**
 * One agency and its admin user, created for an owner of the tenant (found by id) with the same field rules and
 * the same write as one item of Netstorming's insert. Another tenant's owner is an unknown one.
 */
export async function createAgency(
  db: Db,
  scope: Scope,
  ownerId: number,
  raw: unknown,
  scryptN: number,
): Promise<AgencyCreated> {
  const owner = await findOwnerById(db, scope.tenantId, ownerId);
  const checked = checkAgency(raw);
  const problems = owner
    ? [...checked.problems]
    : [{ field: 'owner', message: 'unknown owner' }, ...checked.problems];
  if (!owner || problems.length > 0) return { ok: false, taken: false, problems };
  const code = checked.fields.code as string;
  const [outcome] = await insertAgencies(db, {
    owner,
    items: [{ code, fields: checked.fields, errors: [] }],
    dryRun: false,
    scryptN,
  });
  if (outcome!.ok) {
    const id = await findAgencyId(db, scope.tenantId, owner.id, code);
    const agency = id === undefined ? undefined : await findAgency(db, scope.tenantId, id);
    if (agency) return { ok: true, agency };
  }
  return {
    ok: false,
    taken: true,
    problems: [{ field: 'code', message: DUPLICATE_CODE }],
  };
}
