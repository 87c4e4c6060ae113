/**
 * The largest value of a 32-bit INTEGER column, which every id (and the other integers the vendors send, such as
 * markups and offsets) is in both stores: a larger number is refused as invalid input rather than failing in the
 * database.
 */
export const MAX_INT32 = 2 ** 31 - 1;
