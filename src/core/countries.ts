import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(en);

/**
 * The ISO 3166-1 alpha-2 code for a code (`it`, `IT`) or an English name (`italy`, `Spain`, `United Kingdom`),
 * or null when the value names no country.
 */
export function countryCode(value: string): string | null {
  const text = value.trim();
  if (/^[A-Za-z]{2}$/.test(text)) return countries.isValid(text.toUpperCase()) ? text.toUpperCase() : null;
  return countries.getAlpha2Code(text, 'en') ?? null;
}
