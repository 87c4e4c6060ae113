import { sql, type Insertable } from 'kysely';
import { insertCustomers } from './customers.ts';
import { kindOf, type Db } from './db.ts';
import type { CustomerTable } from './schema/core.ts';

const ROWS_PER_TRANSACTION = 50_000;

/**
 * PostgreSQL plans by table statistics and index-only scans by its visibility map, both stale right after a bulk
 * load until autovacuum comes by (without them a page of customers was planned as a scan of the whole table).
 * SQLite plans without statistics and needs nothing.
 */
async function refreshStatistics(db: Db): Promise<void> {
  if (kindOf(db) === 'postgres') await sql`VACUUM (ANALYZE) customers`.execute(db);
}

/**
 * Inserts any number of customers from a lazy source, one large transaction of multi-row statements per
 * 50,000 rows, so a million rows never sit in memory at once. For seeding (benchmarks, imports): the rows must
 * already be validated and carry their lookup keys.
 */
export async function insertCustomersInBulk(
  db: Db,
  rows: Iterable<Insertable<CustomerTable>>,
): Promise<number> {
  let total = 0;
  let chunk: Insertable<CustomerTable>[] = [];
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === ROWS_PER_TRANSACTION) {
      await insertCustomers(db, chunk);
      total += chunk.length;
      chunk = [];
    }
  }
  if (chunk.length > 0) await insertCustomers(db, chunk);
  await refreshStatistics(db);
  return total + chunk.length;
}
