import type { Db } from './db.ts';
import { dataVersionOf } from './readers.ts';

/** Filters kept at most, and ids over all of them (8 bytes each): a bound on the memory a reader gives this. */
const MAX_FILTERS = 256;
const MAX_IDS = 2_000_000;

interface Kept {
  version: number;
  filters: Map<string, Float64Array>;
  ids: number;
  /** Filters matching more than MAX_IDS: their pages are read with SQL alone. */
  tooLarge: Set<string>;
}

const kept = new WeakMap<Db, Kept>();

/** The ids of a comma-separated list of digits, sorted as numbers; read digit by digit, as splitting costs more. */
function sortedIds(list: string | null): Float64Array {
  if (!list) return new Float64Array(0);
  const ids = new Float64Array(list.length / 2 + 1);
  let count = 0;
  let id = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list.charCodeAt(i);
    if (c === 44) {
      ids[count++] = id;
      id = 0;
    } else id = id * 10 + (c - 48);
  }
  ids[count++] = id;
  return ids.subarray(0, count).sort();
}

/**
 * SQLite: every id a filter matches, sorted, read once for as long as the database stays as it is. A paged
 * listing ordered by id must otherwise sort the whole match again for each page (a week of arrivals in a large
 * hotel is thousands of rows), while a client walks the pages of one filter in turn. The reader's data version
 * changes with every commit by any other connection, so a kept list is never older than the data a fresh read
 * would see. `read` gives the ids comma-separated, in any order. Undefined where there is no data version
 * (PostgreSQL, transactions) or the filter matched too many to keep: the caller reads the page with SQL alone.
 */
export async function matchingIds(
  db: Db,
  filter: string,
  read: () => Promise<string | null>,
): Promise<Float64Array | undefined> {
  const version = dataVersionOf(db)?.();
  if (version === undefined) return undefined;
  let cache = kept.get(db);
  if (!cache || cache.version !== version) {
    cache = { version, filters: new Map(), ids: 0, tooLarge: new Set() };
    kept.set(db, cache);
  }
  if (cache.tooLarge.has(filter)) return undefined;
  const known = cache.filters.get(filter);
  if (known) {
    // Most recently used last: the first entry is the one to drop.
    cache.filters.delete(filter);
    cache.filters.set(filter, known);
    return known;
  }
  const ids = sortedIds(await read());
  if (ids.length > MAX_IDS) {
    cache.tooLarge.add(filter);
    return ids;
  }
  while (cache.filters.size >= MAX_FILTERS || cache.ids + ids.length > MAX_IDS) {
    const [oldest, list] = cache.filters.entries().next().value as [string, Float64Array];
    cache.filters.delete(oldest);
    cache.ids -= list.length;
  }
  cache.filters.set(filter, ids);
  cache.ids += ids.length;
  return ids;
}
