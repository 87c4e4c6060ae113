import { invalid, type DomainError } from '../core/errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads neither its query nor a body (the console's page): `unfitText` is not run for it. */
    anyQuery?: boolean;
  }
}

/**
 * How deep a parsed request value may nest. JSON.parse takes any depth, but every walk of a value recurses (the
 * Idempotency-Key fingerprint, the journal's redaction, JSON.stringify): 10,000 nested arrays overflowed the stack,
 * a 500. No vendor field nests past a few levels, so a deeper value is invalid input.
 */
export const MAX_DEPTH = 32;

// No vendor field can hold a NUL, and PostgreSQL can neither store nor compare one in text. A lone UTF-16
// surrogate (a `\ud800` escape in JSON) is no text: SQLite would store it as invalid UTF-8 bytes, PostgreSQL as
// U+FFFD, so the two stores would disagree. With the `u` flag a surrogate pair (an emoji) is one code point, so
// only a lone surrogate matches.
// eslint-disable-next-line no-control-regex -- the NUL is what is looked for
const UNFIT = /[\u0000\uD800-\uDFFF]/u;

type Problem = 'deep' | 'nul' | 'surrogate';

const problemOf = (text: string): Problem => (text.includes('\u0000') ? 'nul' : 'surrogate');

/**
 * What no surface takes in a parsed request value (a query, a body, JSON text in a field such as Zak's `custdata`):
 * a value nested deeper than MAX_DEPTH, a NUL, or a lone surrogate, in any text or key. Refused as invalid input,
 * naming the field where it can (a key's problem names the object holding it), which each dialect renders in its
 * own shape. One walk for the three, run on every request (a Netstorming insert holds 10,000 objects), writing the
 * field's path only on the way back from a value that has a problem.
 */
export function unfitText(value: unknown, name = ''): DomainError | undefined {
  const found = walk(value, 0);
  if (found === undefined) return undefined;
  // At the top, a key is named alone: `items[3]`, not `.items[3]`; `0.a`, not `[0].a`.
  const field = (name === '' ? found.path.replace(/^\.|^\[(\d+)\]/, '$1') : name + found.path) || 'request';
  if (found.problem === 'deep') return invalid(tooDeepMessage(field), field);
  if (found.problem === 'nul')
    return invalid(`invalid parameter: NUL character in ${name || 'the request'}`, name || undefined);
  return invalid(`invalid text (lone surrogate): ${field}`, field);
}

export const tooDeepMessage = (field: string) =>
  `invalid parameter: ${field} is nested deeper than ${MAX_DEPTH} levels`;

function walk(value: unknown, depth: number): { problem: Problem; path: string } | undefined {
  if (typeof value === 'string')
    return UNFIT.test(value) ? { problem: problemOf(value), path: '' } : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_DEPTH) return { problem: 'deep', path: '' };
  const array = Array.isArray(value);
  for (const key in value) {
    if (!array && UNFIT.test(key)) return { problem: problemOf(key), path: '' };
    const found = walk((value as Record<string, unknown>)[key], depth + 1);
    if (found !== undefined) {
      found.path = (array ? `[${key}]` : `.${key}`) + found.path;
      return found;
    }
  }
  return undefined;
}
