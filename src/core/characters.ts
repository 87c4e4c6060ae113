import { invalid } from './errors.ts';

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/**
 * A text's length as a person counts it and as the limits in the docs mean it: code points, an emoji being one
 * (`.length` counts UTF-16 units, two per emoji or rarer CJK character). Counted without splitting the string.
 */
export function characters(text: string): number {
  return text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);
}

/** The longest text of a customer's or a document's field, in characters (docs/zak.md, Field values). */
export const MAX_TEXT = 255;

/**
 * Whether `text` has more than `max` characters. A text of at most `max` UTF-16 units has at most `max`
 * characters, so most texts are not counted at all.
 */
export function longerThan(text: string, max: number): boolean {
  return text.length > max && characters(text) > max;
}

/** `value` when it is at most `max` characters; else the field's `invalid value` error. */
export function withinLimit(value: string, field: string, max = MAX_TEXT): string {
  if (longerThan(value, max))
    throw invalid(`invalid value: ${field} is longer than ${max} characters`, field);
  return value;
}
