/**
 * A parameter as the dialects read it when the client repeated it (`?id=1&id=2`, which the query and form parsers
 * give as an array): its last value, as PHP-style servers such as the vendors' do.
 */
export function lastValue(raw: unknown): unknown {
  return Array.isArray(raw) ? raw[raw.length - 1] : raw;
}
