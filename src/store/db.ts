import { openPostgres, type PostgresOptions } from './postgres.ts';
import type { Db } from './handle.ts';
import { openSqlite, type SqliteOptions } from './sqlite.ts';

export { kindOf, type Db, type Reader, type StoreKind } from './handle.ts';

/** Options of either store; each uses those that apply to it. */
export type OpenOptions = SqliteOptions & PostgresOptions;

/** A store handle for `sqlite:<path>` or `postgres://…` (see docs/storage.md). */
export function openDb(url: string, options: OpenOptions = {}): Db {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options);
  return openPostgres(url, options);
}
