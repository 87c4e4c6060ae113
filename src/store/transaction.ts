import type { Db } from './handle.ts';

/**
 * Runs `fn` in a transaction: the caller's when `db` is a transaction handle (its writes then commit or roll back
 * with the caller's, which is how a reply stored under an Idempotency-Key commits with the write it answers), else a
 * transaction of its own. Every write of the core opens its transaction through here, so that a caller may hand it
 * a transaction instead of the store's root handle.
 */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
