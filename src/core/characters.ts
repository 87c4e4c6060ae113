const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/**
 * A text's length as a person counts it and as the limits in the docs mean it: code points, an emoji being one
 * (`.length` counts UTF-16 units, two per emoji or rarer CJK character). Counted without splitting the string.
 */
export function characters(text: string): number {
  return text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);
}
