/**
 * `items` in runs of at most `size`: multi-row statements and IN lists must stay under the bound-value limits
 * (SQLite 32,766, PostgreSQL 65,535).
 */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
