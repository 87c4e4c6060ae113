import { sql } from 'kysely';
import pg from 'pg';
import type { TestStore } from '../helper.ts';

/**
 * Makes the store refuse writes while it still serves reads, or write again, for the server over `store` alone:
 * - SQLite: the disk is full (SQLITE_FULL). The file of the server's writing connection is capped at its current
 *   size (`max_page_count`, a setting of that connection, reached through a transaction: transactions run on the
 *   writer); a write that needs a new page fails, one that fits in the pages' free space still lands.
 * - PostgreSQL: the database is read-only, as a standby after a failover is (SQLSTATE 25006): the test database's
 *   `default_transaction_read_only`, which a session reads when it opens, so every session of the database is ended
 *   and the server's pool opens new ones (a query running at that moment fails as a dropped connection does).
 */
export async function refuseWrites(store: TestStore, refuse: boolean): Promise<void> {
  if (store.url.startsWith('sqlite:')) return capFile(store, refuse);
  const client = new pg.Client({ connectionString: store.url });
  await client.connect();
  try {
    await client.query('SET default_transaction_read_only = off');
    const name = new URL(store.url).pathname.slice(1);
    await client.query(
      refuse
        ? `ALTER DATABASE "${name}" SET default_transaction_read_only = on`
        : `ALTER DATABASE "${name}" RESET default_transaction_read_only`,
    );
    await client.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
  } finally {
    await client.end();
  }
}

async function capFile(store: TestStore, full: boolean): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ page_count: number }>`PRAGMA page_count`.execute(trx);
    const pages = full ? rows[0]!.page_count : 1_073_741_823;
    await sql.raw(`PRAGMA max_page_count = ${pages}`).execute(trx);
  });
}
