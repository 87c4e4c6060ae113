import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

// A pure function shared by the core (every write and look-up of a phone) and by the migration that recomputes the
// stored keys (which may not import the core): it lives below both.

/** The country whose rules read numbers written without a country code when a tenant names none. */
export const DEFAULT_PHONE_COUNTRY = 'RU';

/** A leading `00` (after spaces or an opening parenthesis): the international prefix, as `+` is. */
const INTERNATIONAL_00 = /^[\s(]*00\)?/;

/** Whether libphonenumber knows the country's numbering plan. */
export const isPhoneCountry = (country: string): boolean => isSupportedCountry(country);

/**
 * The lookup key of a phone number written in any form: the digits of its E.164 form when the number is valid,
 * read with `country`'s rules when it has no country code (`347 123 4567` in IT, `8 999 123-45-67` in RU), so every
 * spelling of one number shares one key (`393471234567`, `79991234567`). A number libphonenumber does not take
 * keeps its digits, with Russian national forms unified in RU (the rule before countries, so such keys do not move).
 * Null when the value holds no digit.
 */
export function phoneKey(
  phone: string | null | undefined,
  country: string = DEFAULT_PHONE_COUNTRY,
): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits === '') return null;
  const region = isSupportedCountry(country) ? (country as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(phone, region ? { defaultCountry: region } : undefined);
  if (parsed?.isValid()) return parsed.number.slice(1);
  // 00 is the international prefix of most of the world, and written so by its travellers where the tenant's
  // country dials another (RU 8~10, US 011): no country's national numbers start with it.
  const international = INTERNATIONAL_00.exec(phone);
  if (international) {
    const abroad = parsePhoneNumberFromString(`+${phone.slice(international[0].length)}`);
    if (abroad?.isValid()) return abroad.number.slice(1);
  }
  if (country === 'RU') {
    if (digits.length === 11 && digits.startsWith('8')) return `7${digits.slice(1)}`;
    if (digits.length === 10) return `7${digits}`;
  }
  return digits;
}

/** A key as a person reads it: `+393471234567` when it is a valid number's E.164 digits, else the digits kept. */
export function keyAsE164(key: string): string {
  return parsePhoneNumberFromString(`+${key}`)?.isValid() ? `+${key}` : key;
}
