import { dryRunFlag, insertAgencies } from '../../core/agencies.ts';
import { setAgenciesEnabled, setForeignCode, type RefOutcome } from '../../core/agency-status.ts';
import type { ItemOutcome } from '../../core/agencies.ts';
import type { Scope } from '../../core/tenants.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../store/db.ts';

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

/** Every call under /api/customers/<name>. */
export const calls: Record<string, NetstormingCall> = {
  insert: async ({ db, config, scope, body, signal }) => {
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
  },

  enable: toggle(true),
  disable: toggle(false),

  setForeignCode: async ({ db, scope, body }) => {
    const errors = await setForeignCode(db, scope, {
      ownerCode: body.owner_code,
      code: body.code,
      userLogin: body.user_login,
      foreignCode: body.foreign_code,
    });
    return errors.length === 0 ? { success: true } : { success: false, errors };
  },
};
