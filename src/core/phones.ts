/**
 * The canonical lookup key of a phone number written in any form: its digits, with the Russian national forms
 * unified (8 XXX… and a bare 10-digit number become 7 XXX…), so `+7 (999) 123-45-67`, `89991234567` and
 * `9991234567` share one key. Null when the value holds no digit.
 */
export function phoneKey(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits === '') return null;
  if (digits.length === 11 && digits.startsWith('8')) return `7${digits.slice(1)}`;
  if (digits.length === 10) return `7${digits}`;
  return digits;
}

/** Whether `value` has the shape of an e-mail address (`local@domain.tld`, no spaces). */
export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

export function emailKey(email: string | null | undefined): string | null {
  const key = email?.trim().toLowerCase();
  return key ? key : null;
}
