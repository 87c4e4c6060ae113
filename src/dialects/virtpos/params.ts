import { invalid } from '../../core/errors.ts';
import { idFromDigits } from '../../core/int32.ts';
import { numberText } from '../../core/number-text.ts';
import { lastValue } from '../../http/last-value.ts';

/**
 * A request's parameters kept apart by origin: the vendor marks some as "get only", read from the query string
 * alone; every other one may also come in the body, which wins.
 */
export interface Params {
  query: Record<string, unknown>;
  body: Record<string, unknown>;
}

const asRecord = (value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

export function requestParams(query: unknown, body: unknown): Params {
  return { query: asRecord(query), body: asRecord(body) };
}

function scalar(source: Record<string, unknown>, name: string): string | undefined {
  const raw = Object.hasOwn(source, name) ? source[name] : undefined;
  const value = lastValue(raw);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  // A JSON body's number: only when it is the digits sent (not 1e400, nor past 2⁵³), as in the other dialects.
  const text = typeof value === 'number' ? numberText(value) : null;
  if (text === null) throw invalid(`invalid value: ${name}`, name);
  return text;
}

/** A "get only" parameter: the query string alone. */
export const getOnly = (params: Params, name: string) => scalar(params.query, name);

/** A "get or post" parameter: the body wins over the query string. */
export const param = (params: Params, name: string) =>
  scalar(params.body, name) ?? scalar(params.query, name);

/** A value that is absent, or present but empty, counts as not given. */
export const given = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off', '']);

/** `1`, `true`, `yes`, `on` (any case) are true; `0`, `false`, `no`, `off` and empty are false. */
export function truthy(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw invalid(`invalid value: ${name}`, name);
}

/** A positive whole number (ids, page numbers), or undefined when absent or empty. */
export function positiveInteger(value: string | undefined, name: string): number | undefined {
  const v = given(value);
  if (v === undefined) return undefined;
  const id = idFromDigits(v);
  if (id === undefined) throw invalid(`invalid value: ${name}`, name);
  return id;
}

/** An amount such as `15200`, `15200.5` or `15200,50` in exact cents. */
export function cents(value: string, name: string): number {
  const m = /^(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(value.trim());
  if (!m) throw invalid(`invalid value: ${name}`, name);
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** Cents as the vendor writes amounts: whole units bare (`15200`), otherwise two decimals (`15200.50`). */
export function formatCents(amount: number): string {
  const units = Math.trunc(amount / 100);
  const rest = amount % 100;
  return rest === 0 ? String(units) : `${units}.${String(rest).padStart(2, '0')}`;
}
