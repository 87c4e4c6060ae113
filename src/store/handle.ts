import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * A store handle. The root handle that `openDb` returns carries its `reader`: the connection that hot reads outside a
 * transaction use (see prepared.ts). A transaction handle has none, so reads inside a transaction stay on its own
 * connection and see its writes.
 */
export type Db = Kysely<Database> & { readonly reader?: Reader };
export type StoreKind = 'sqlite' | 'postgres';

/** Runs one compiled read outside any transaction and returns its rows (see prepared.ts). */
export type Reader = (statement: { name: string; sql: string }, parameters: readonly unknown[]) => unknown;

/** The kind of database behind a handle or a transaction, for the few places where SQL must differ. */
export function kindOf(db: Pick<Kysely<unknown>, 'getExecutor'>): StoreKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
