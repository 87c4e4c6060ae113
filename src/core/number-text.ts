/**
 * A JSON number given where text is expected (a zip or a phone sent as a number) as its decimal text, or null when
 * the number cannot stand for what was written: not finite (`1e400` parses as Infinity), or past 2⁵³, where the
 * parsed value is no longer the digits sent (`12345678901234567890` would be stored as `12345678901234567000`).
 */
export function numberText(value: number): string | null {
  return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? String(value) : null;
}
