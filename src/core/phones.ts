export { keyAsE164, phoneKey } from '../lib/phone-key.ts';

/** Whether `value` has the shape of an e-mail address (`local@domain.tld`, no spaces). */
export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

export function emailKey(email: string | null | undefined): string | null {
  const key = email?.trim().toLowerCase();
  return key ? key : null;
}
