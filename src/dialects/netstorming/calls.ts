import { dryRunFlag, insertAgencies } from '../../core/agencies.ts';
import { setAgenciesEnabled, setForeignCode, type RefOutcome } from '../../core/agency-status.ts';
import type { ItemOutcome } from '../../core/agencies.ts';
import type { Scope } from '../../core/tenants.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../store/db.ts';
import { insertFailure, successFailure, toggleFailure, type FailureShape } from './errors.ts';

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
  async ({ db, config, scope, body }) =>
    renderToggle(
      await setAgenciesEnabled(db, scope, {
        ownerCode: body.owner_code,
        customers: body.customers,
        enabled,
        itemLimit: config.bulkItemLimit,
      }),
    );

const insert: NetstormingCall = async ({ db, config, scope, body, signal }) => {
  const dryRun = dryRunFlag(body.dry_run);
  const outcomes = await insertAgencies(db, scope, {
    ownerCode: body.owner_code,
    customers: body.customers,
    dryRun,
    itemLimit: config.bulkItemLimit,
    scryptN: config.passwordScryptN,
    signal,
  });
  return renderInsert(dryRun, outcomes);
};

const foreignCode: NetstormingCall = async ({ db, scope, body }) => {
  const errors = await setForeignCode(db, scope, {
    ownerCode: body.owner_code,
    code: body.code,
    userLogin: body.user_login,
    foreignCode: body.foreign_code,
  });
  return errors.length === 0 ? { success: true } : { success: false, errors };
};

/** Every call under /api/customers/<name>, with the shape its request-level failures take. */
export const calls: Record<string, { run: NetstormingCall; failure: FailureShape }> = {
  insert: { run: insert, failure: insertFailure },
  enable: { run: toggle(true), failure: toggleFailure },
  disable: { run: toggle(false), failure: toggleFailure },
  setForeignCode: { run: foreignCode, failure: successFailure },
};
