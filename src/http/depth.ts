/**
 * How deep a parsed request value may nest. JSON.parse takes any depth, but every walk of a value recurses (the
 * Idempotency-Key fingerprint, the journal's redaction, JSON.stringify): 10,000 nested arrays overflowed the stack,
 * a 500. No vendor field nests past a few levels, so a deeper value is invalid input, refused up front by every
 * surface (server.ts) and where a field holds JSON text that is parsed later (Zak's `custdata`, `meal`…). The NUL
 * and lone-surrogate guards walk this deep, so with this rule they see every value.
 */
export const MAX_DEPTH = 32;

/** The name (a dotted path, under `name`) of the first object or array nested deeper than MAX_DEPTH, if any. */
export function tooDeepField(value: unknown, name = ''): string | undefined {
  const path = deepPath(value, 0);
  if (path === undefined) return undefined;
  // At the top, a key is named alone: `items[3]`, not `.items[3]`; `0.a`, not `[0].a`.
  const field = name === '' ? path.replace(/^\.|^\[(\d+)\]/, '$1') : name + path;
  return field || 'request';
}

/**
 * The path below `value` to a value nested too deep, written only on the way back from one: this walk runs on
 * every request (a Netstorming insert holds 10,000 objects), and most find nothing to name.
 */
function deepPath(value: unknown, depth: number): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_DEPTH) return '';
  const array = Array.isArray(value);
  for (const key in value) {
    const below = deepPath((value as Record<string, unknown>)[key], depth + 1);
    if (below !== undefined) return (array ? `[${key}]` : `.${key}`) + below;
  }
  return undefined;
}

export const tooDeepMessage = (field: string) =>
  `invalid parameter: ${field} is nested deeper than ${MAX_DEPTH} levels`;
