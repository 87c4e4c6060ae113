import { invalid, missing } from '../../core/errors.ts';
import { isoDate } from '../../core/dates.ts';
import { idFromDigits } from '../../core/int32.ts';
import { lastValue } from '../../http/last-value.ts';
import { unfitText } from '../../http/request-text.ts';

/** Query and body parameters merged, the body winning; values as the client sent them. */
export type Params = Record<string, unknown>;

export function mergeParams(query: unknown, body: unknown): Params {
  const fromBody = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
  return { ...(query as Params), ...(fromBody as Params) };
}

/** The first of `names` that is present, as text; numbers and booleans are turned into text. */
export function text(params: Params, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = lastValue(params[name]);
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw invalid(`invalid parameter: ${name}`, name);
  }
  return undefined;
}

/** A positive id up to 2³¹−1 from its digits; blank is absent, anything else is `invalid parameter`. */
export function parseId(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const id = idFromDigits(value.trim());
  if (id === undefined) throw invalid(`invalid parameter: ${name}`, name);
  return id;
}

/** An optional positive integer id under any of `names`; `undefined`, `abc` or `-1` are errors. */
export function optionalId(params: Params, ...names: string[]): number | undefined {
  return parseId(text(params, ...names), names[0] ?? 'id');
}

export function requiredId(params: Params, ...names: string[]): number {
  const id = optionalId(params, ...names);
  if (id === undefined) throw missing(`missing parameter: ${names[0]}`, names[0]);
  return id;
}

/** A structured parameter: JSON text inside a field, or already an object in a JSON body. */
export function json(params: Params, name: string): unknown {
  const value = lastValue(params[name]);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalid(`invalid JSON: ${name}`, name);
  }
  // The request-wide guard (server.ts) sees this field only as text: a `\u0000` or `\ud800` escape, or a deep
  // nesting, appears once it is parsed.
  const unfit = unfitText(parsed, name);
  if (unfit !== undefined) throw unfit;
  return parsed;
}

export function jsonObject(params: Params, name: string): Record<string, unknown> {
  const value = json(params, name);
  if (value === undefined) throw missing(`missing parameter: ${name}`, name);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(`invalid parameter: ${name} must be a JSON object`, name);
  }
  return value as Record<string, unknown>;
}

/** `dd/mm/yyyy` (or `d/m/yyyy`) into an ISO date; an impossible date is an error naming the field. */
export function parseDate(value: unknown, field: string): string {
  const m = typeof value === 'string' ? /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(value) : null;
  const iso = m ? isoDate(Number(m[3]), Number(m[2]), Number(m[1])) : null;
  if (!iso) throw invalid(`invalid date: ${field}`, field);
  return iso;
}

export function formatDate(iso: string | null): string | null {
  if (!iso) return null;
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** An ISO timestamp as the vendor writes it: `dd/mm/yyyy hh:mm:ss` (UTC). */
export function formatTimestamp(iso: string | null): string | null {
  if (!iso) return null;
  return `${formatDate(iso.slice(0, 10))} ${iso.slice(11, 19)}`;
}
