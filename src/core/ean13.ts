/** The EAN-13 check digit of 12 digits: weights 1 and 3 alternating from the left. */
export function ean13CheckDigit(twelveDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelveDigits[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** A card uid as EAN-13: left-padded with zeros to 12 digits, then the check digit. Null unless 1–12 digits. */
export function uidToEan13(uid: string): string | null {
  if (!/^\d{1,12}$/.test(uid)) return null;
  const body = uid.padStart(12, '0');
  return `${body}${ean13CheckDigit(body)}`;
}
