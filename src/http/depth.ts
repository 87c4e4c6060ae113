/**
 * How deep a parsed request value may nest. JSON.parse takes any depth, but every walk of a value recurses (the
 * Idempotency-Key fingerprint, the journal's redaction, JSON.stringify): 10,000 nested arrays overflowed the stack,
 * a 500. No vendor field nests past a few levels, so a deeper value is invalid input, refused up front by every
 * surface (server.ts) and where a field holds JSON text that is parsed later (Zak's `custdata`, `meal`…). The NUL
 * and lone-surrogate guards walk this deep, so with this rule they see every value.
 */
export const MAX_DEPTH = 32;

/** The name (a dotted path) of the first object or array nested deeper than MAX_DEPTH, if any. */
export function tooDeepField(value: unknown, name = '', depth = 0): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_DEPTH) return name || 'request';
  for (const [key, item] of Object.entries(value)) {
    const path = name === '' ? key : Array.isArray(value) ? `${name}[${key}]` : `${name}.${key}`;
    const found = tooDeepField(item, path, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

export const tooDeepMessage = (field: string) =>
  `invalid parameter: ${field} is nested deeper than ${MAX_DEPTH} levels`;
