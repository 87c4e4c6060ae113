/**
 * The largest value of a 32-bit INTEGER column, which every id (and the other integers the vendors send, such as
 * markups and offsets) is in both stores: a larger number is refused as invalid input rather than failing in the
 * database.
 */
export const MAX_INT32 = 2 ** 31 - 1;

/**
 * The id that `text` writes in decimal digits (no sign, no spaces, no exponent), when it is one of 1 … MAX_INT32;
 * undefined otherwise. Every surface that reads an id from text (Zak's and virtpos's parameters, the CLI, a key
 * named by id) reads it here, so a number past 32 bits is refused as the caller's mistake, never sent to
 * PostgreSQL to fail as out of range.
 */
export function idFromDigits(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const id = Number(text);
  return id >= 1 && id <= MAX_INT32 ? id : undefined;
}
