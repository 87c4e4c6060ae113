import { invalid } from './errors.ts';

/** Money in the core is integer cents; VAT rates are integer hundredths of a percent (1000 = 10 %). */

const MAX_CENTS = 1_000_000_000_00;

/**
 * `n` × 100 as a whole number, rounded half up on the decimal digits as written (1.005 → 101), not on the binary
 * float (where 1.005 × 100 is 100.49…): toPrecision(15) recovers the written decimal before rounding.
 */
function hundredths(n: number): number {
  return Math.round(Number((n * 100).toPrecision(15)));
}

const DECIMAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)\s*$/;

/** A number, or text of decimal digits read as one; `Number()` alone also reads `0x10`, `0b1010` and `1e2`. */
function numeric(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return DECIMAL.test(value) ? Number(value) : undefined;
}

/**
 * A decimal amount in currency units (as clients send it) into cents; more than two decimals are rounded half
 * up on the decimal digits as written (1.005 → 101), not on the binary float (where 1.005 * 100 is 100.49…).
 */
export function toCents(value: unknown, field: string): number {
  const n = numeric(value);
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n * 100 > MAX_CENTS) {
    throw invalid(`invalid amount: ${field}`, field);
  }
  return hundredths(n);
}

/** A percentage such as 10 or 5.5 into hundredths of a percent. */
export function toBasisPoints(value: unknown, field: string): number {
  const n = numeric(value);
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 100) {
    throw invalid(`invalid VAT rate: ${field}`, field);
  }
  return hundredths(n);
}

/** Cents as a decimal number rounded to cents (never 17750.850000000002). */
export const fromCents = (cents: number): number => cents / 100;
export const fromBasisPoints = (bp: number): number => bp / 100;

export interface VatSplit {
  total: number;
  amount: number;
  vat: number;
}

/** A VAT-inclusive total split into net amount (rounded to the cent) and VAT, so amount + vat = total exactly. */
export function splitVat(totalCents: number, vatBp: number): VatSplit {
  const amount = Math.round((totalCents * 10_000) / (10_000 + vatBp));
  return { total: totalCents, amount, vat: totalCents - amount };
}
