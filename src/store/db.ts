import { openPostgres } from './postgres.ts';
import type { Db } from './handle.ts';
import { openSqlite, type SqliteOptions } from './sqlite.ts';

export { kindOf, type Db, type Reader, type StoreKind } from './handle.ts';

export interface OpenOptions extends SqliteOptions {
  /** PostgreSQL: connections in the pool (10). */
  poolSize?: number;
}

/** A store handle for `sqlite:<path>` or `postgres://…` (see docs/storage.md). */
export function openDb(url: string, options: OpenOptions = {}): Db {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options);
  return openPostgres(url, options.poolSize ?? 10);
}
