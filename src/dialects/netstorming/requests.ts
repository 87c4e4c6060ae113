import type { CheckedAgency } from '../../core/agencies.ts';
import type { Ref } from '../../core/agency-status.ts';
import { invalid, missing } from '../../core/errors.ts';
import { numberText } from '../../core/number-text.ts';
import { checkAgency, echoedCode, FLAG_HINT, isBlank, parseFlag, text } from '../../core/agency-fields.ts';

/**
 * A Netstorming request body (any JSON) read into the typed values the core takes. The order of the checks is the
 * order of the request-level errors a client sees: `dry_run`, then `owner_code`, then the item list.
 */

/** A `dry_run` flag as the request sends it: absent means false. */
export function dryRunFlag(raw: unknown): boolean {
  if (raw === undefined || raw === null) return false;
  const flag = parseFlag(raw);
  if (flag === null) throw invalid(`invalid dry_run (${FLAG_HINT})`, 'dry_run');
  return flag;
}

/** The owner code to look up: text that is not blank (any other value matches no owner). */
export function ownerCode(raw: unknown): string {
  if (isBlank(raw)) throw missing('missing owner_code', 'owner_code');
  return typeof raw === 'string' ? raw.trim() : '';
}

/** The request's item list: 1 to `limit` entries, or a request-level `invalid`. */
export function requireBatch(raw: unknown, field: string, limit: number): unknown[] {
  if (raw === undefined || raw === null) throw missing(`missing ${field}`, field);
  if (!Array.isArray(raw)) throw invalid(`invalid ${field} (a list expected)`, field);
  if (raw.length === 0) throw invalid(`invalid ${field} (empty list)`, field);
  if (raw.length > limit) throw invalid(`invalid ${field} (more than ${limit} items)`, field);
  return raw;
}

/** Items checked per turn of the event loop: a 10,000-item batch never holds it for more than a few ms. */
const CHECK_SLICE = 500;

/** Every item of an insert checked against the vendor's field rules, in request order. */
export async function checkedItems(items: unknown[]): Promise<CheckedAgency[]> {
  const checked: CheckedAgency[] = [];
  for (const [i, item] of items.entries()) {
    if (i > 0 && i % CHECK_SLICE === 0) await new Promise(setImmediate);
    const { fields, errors } = checkAgency(item);
    checked.push({ code: echoedCode(item), fields, errors });
  }
  return checked;
}

/**
 * `{code}` or `{foreign_code}` of an enable/disable item; a code wins when both are given. A number is its decimal
 * text, as insert reads it: a customer inserted with `"code": 123456` is found by the same JSON.
 */
export function refOf(raw: unknown): Ref | null {
  const item = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  for (const by of ['code', 'foreign_code'] as const) {
    const value = item[by];
    const key = (
      typeof value === 'number' ? numberText(value) : typeof value === 'string' ? value : null
    )?.trim();
    if (key) return { by, key };
  }
  return null;
}

const foreignCodeRule = text(1, 100);

/** setForeignCode's fields as text, or the messages that answer the request (every missing field, or one invalid). */
export function foreignCodeFields(
  body: Record<string, unknown>,
): { code: string; userLogin: string; foreignCode: string } | { errors: string[] } {
  const fields = [
    ['code', body.code],
    ['user_login', body.user_login],
    ['foreign_code', body.foreign_code],
  ] as const;
  const errors = fields.flatMap(([field, value]) => (isBlank(value) ? [`missing ${field}`] : []));
  if (errors.length > 0) return { errors };
  const foreignCode = foreignCodeRule(body.foreign_code);
  if (!('value' in foreignCode)) return { errors: ['invalid foreign_code'] };
  return {
    code: String(body.code).trim(),
    userLogin: String(body.user_login).trim(),
    foreignCode: String(foreignCode.value),
  };
}
