import type { Db } from '../store/db.ts';
import * as store from '../store/sandbox-faults.ts';
import { nowIso } from './dates.ts';
import { invalid, notFound } from './errors.ts';

/**
 * Fault rules of a sandbox tenant (docs/sandbox.md): a call (`zak:reservations/new`, `virtpos:customer/update`,
 * `netstorming:insert`, or `*`) answered with a status of the tester's choosing, after a delay, with some
 * probability, a number of times, or with the connection dropped. A faulted request runs no call, so it writes
 * nothing.
 */
export interface FaultRule {
  id: number;
  call: string;
  /** The status to answer with; null: the rule only delays, then the call runs. */
  status: number | null;
  /** A body to send as is instead of the dialect's own error shape. */
  body: unknown;
  latency_ms: number;
  probability: number;
  /** Requests still to fault; null: without end. */
  times: number | null;
  reset: boolean;
  created_at: string;
}

export const MAX_LATENCY_MS = 60_000;
const FIELDS = new Set(['call', 'status', 'body', 'latency_ms', 'probability', 'times', 'reset']);

/** A rule as sent to `POST …/faults`, checked against the calls the server has (`dialect:call`). */
export function validateFault(input: Record<string, unknown>, knownCalls: ReadonlySet<string>) {
  for (const field of Object.keys(input)) if (!FIELDS.has(field)) throw invalid('unknown field', field);
  const call = input.call;
  if (typeof call !== 'string' || (call !== '*' && !knownCalls.has(call)))
    throw invalid(
      `unknown call: ${JSON.stringify(call)} (dialect:call, e.g. zak:reservations/new, or *)`,
      'call',
    );
  const reset = input.reset ?? false;
  if (typeof reset !== 'boolean') throw invalid('reset must be true or false', 'reset');
  const status = input.status ?? null;
  if (status !== null && (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599))
    throw invalid('status must be a whole number from 100 to 599', 'status');
  const latency = input.latency_ms ?? 0;
  if (!Number.isInteger(latency) || (latency as number) < 0 || (latency as number) > MAX_LATENCY_MS)
    throw invalid(`latency_ms must be a whole number from 0 to ${MAX_LATENCY_MS}`, 'latency_ms');
  const probability = input.probability ?? 1;
  if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1))
    throw invalid('probability must be a number from 0 to 1', 'probability');
  const times = input.times ?? null;
  if (times !== null && (!Number.isInteger(times) || (times as number) < 1 || (times as number) > 1_000_000))
    throw invalid('times must be a whole number from 1 to 1000000', 'times');
  if (status === null && !reset && latency === 0)
    throw invalid('a rule needs a status, a latency or reset', 'status');
  if (input.body !== undefined && (status === null || reset))
    throw invalid('body goes with a status (and no reset)', 'body');
  return {
    call,
    status: status as number | null,
    body: input.body === undefined ? null : JSON.stringify(input.body),
    latency_ms: latency as number,
    probability,
    times_left: times as number | null,
    reset: reset ? 1 : 0,
  };
}

function toRule(row: store.FaultRow): FaultRule {
  return {
    id: row.id,
    call: row.call,
    status: row.status,
    body: row.body === null ? null : JSON.parse(row.body),
    latency_ms: row.latency_ms,
    probability: row.probability,
    times: row.times_left,
    reset: row.reset === 1,
    created_at: row.created_at,
  };
}

export async function addFault(
  db: Db,
  tenantId: number,
  input: Record<string, unknown>,
  knownCalls: ReadonlySet<string>,
): Promise<FaultRule> {
  const fields = validateFault(input, knownCalls);
  return toRule(await store.insertFault(db, { ...fields, tenant_id: tenantId, created_at: nowIso() }));
}

export async function listFaults(db: Db, tenantId: number): Promise<FaultRule[]> {
  return (await store.listFaults(db, tenantId)).map(toRule);
}

export async function removeFault(db: Db, tenantId: number, id: number): Promise<void> {
  if (!(await store.deleteFault(db, tenantId, id))) throw notFound(`fault rule not found: ${id}`);
}

export const clearFaults = (db: Db, tenantId: number) => store.deleteFaults(db, tenantId);

/**
 * The rule that applies to a request of `call`, if any: the first that names the call (or `*`), wins its draw
 * and, when counted, still has a use left (taken here, atomically in the store).
 */
export async function faultFor(
  db: Db,
  rules: readonly FaultRule[],
  call: string,
  draw: () => number = Math.random,
): Promise<FaultRule | undefined> {
  for (const rule of rules) {
    if (rule.call !== '*' && rule.call !== call) continue;
    if (rule.probability < 1 && draw() >= rule.probability) continue;
    if (rule.times !== null && !(await store.takeFault(db, rule.id))) continue;
    return rule;
  }
  return undefined;
}
