import { insertAgencies } from '../../core/agencies.ts';
import { setAgenciesEnabled, setForeignCode, type RefOutcome } from '../../core/agency-status.ts';
import type { ItemOutcome } from '../../core/agencies.ts';
import { requireOwner } from '../../core/owners.ts';
import type { Scope } from '../../core/tenants.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../store/db.ts';
import { insertFailure, successFailure, toggleFailure, type FailureShape } from './errors.ts';
import { checkedItems, dryRunFlag, foreignCodeFields, ownerCode, refOf, requireBatch } from './requests.ts';

export interface CallContext {
  db: Db;
  config: Config;
  scope: Scope;
  body: Record<string, unknown>;
  signal: AbortSignal;
}

export type NetstormingCall = (ctx: CallContext) => Promise<unknown>;

/** `errors` entries: one per failed item, with its 1-based position in the request. */
const lineErrors = (outcomes: Array<{ errors: string[] }>) =>
  outcomes.flatMap((o, i) => (o.errors.length > 0 ? [{ 'line/index': i + 1, errors: o.errors }] : []));

function renderInsert(dryRun: boolean, outcomes: ItemOutcome[]) {
  return {
    dry_run: dryRun,
    // The admin user is written with its customer in one transaction, so both flags always agree.
    results: outcomes.map(({ code, ok }) => ({ code, customer: ok, user: ok })),
    errors: lineErrors(outcomes),
  };
}

function renderToggle(outcomes: RefOutcome[]) {
  const results: Record<string, boolean> = {};
  for (const { key, ok } of outcomes) if (key !== null) results[key] = ok;
  return { results, errors: lineErrors(outcomes) };
}

const toggle =
  (enabled: boolean): NetstormingCall =>
  async ({ db, config, scope, body }) => {
    const owner = await requireOwner(db, scope, ownerCode(body.owner_code));
    const refs = requireBatch(body.customers, 'customers', config.bulkItemLimit).map(refOf);
    return renderToggle(await setAgenciesEnabled(db, scope, { owner, refs, enabled }));
  };

const insert: NetstormingCall = async ({ db, config, scope, body, signal }) => {
  const dryRun = dryRunFlag(body.dry_run);
  const owner = await requireOwner(db, scope, ownerCode(body.owner_code));
  const items = await checkedItems(requireBatch(body.customers, 'customers', config.bulkItemLimit));
  const outcomes = await insertAgencies(db, {
    owner,
    items,
    dryRun,
    scryptN: config.passwordScryptN,
    signal,
  });
  return renderInsert(dryRun, outcomes);
};

const foreignCode: NetstormingCall = async ({ db, scope, body }) => {
  const owner = await requireOwner(db, scope, ownerCode(body.owner_code));
  const fields = foreignCodeFields(body);
  const errors = 'errors' in fields ? fields.errors : await setForeignCode(db, scope, { owner, ...fields });
  return errors.length === 0 ? { success: true } : { success: false, errors };
};

/** Every call under /api/customers/<name>, with the shape its request-level failures take. */
export const calls: Record<string, { run: NetstormingCall; failure: FailureShape }> = {
  insert: { run: insert, failure: insertFailure },
  enable: { run: toggle(true), failure: toggleFailure },
  disable: { run: toggle(false), failure: toggleFailure },
  setForeignCode: { run: foreignCode, failure: successFailure },
};
