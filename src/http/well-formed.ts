/**
 * Lone UTF-16 surrogates (a `\ud800` escape in JSON, for one) are no text: SQLite would store them as invalid UTF-8
 * bytes, PostgreSQL as U+FFFD, so the two stores would disagree. Every surface refuses them instead, as invalid
 * input naming the field, checked once per request next to the NUL guard (server.ts), and again where a field
 * holds JSON text that is parsed later (Zak's `custdata`, `meal`…).
 */
// With the `u` flag a surrogate pair is one code point, so only a lone surrogate matches.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const wellFormed = (text: string) => !LONE_SURROGATE.test(text);

/** The name (a dotted path) of the first field whose name or text holds a lone surrogate, if any. */
export function illFormedField(value: unknown, name = '', depth = 0): string | undefined {
  if (typeof value === 'string') return wellFormed(value) ? undefined : name || 'request';
  if (typeof value !== 'object' || value === null || depth > 32) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const path = name === '' ? key : Array.isArray(value) ? `${name}[${key}]` : `${name}.${key}`;
    if (!wellFormed(key)) return name || 'request';
    const found = illFormedField(item, path, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
