import type { Insertable } from 'kysely';
import type { Db } from './db.ts';
import type { Database } from './schema.ts';

type NewCustomerRow = Insertable<Database['customers']>;

// Few enough bound values per statement for both SQLite (32766) and PostgreSQL (65535) with every column set.
const ROWS_PER_STATEMENT = 500;
const ROWS_PER_TRANSACTION = 50_000;

/**
 * Inserts many customers fast: multi-row statements inside large transactions. For seeding (benchmarks,
 * imports): the rows must already be validated and carry their lookup keys.
 */
export async function insertCustomersInBulk(db: Db, rows: Iterable<NewCustomerRow>): Promise<number> {
  let total = 0;
  let chunk: NewCustomerRow[] = [];
  const flush = async () => {
    const batch = chunk;
    chunk = [];
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < batch.length; i += ROWS_PER_STATEMENT) {
        await trx
          .insertInto('customers')
          .values(batch.slice(i, i + ROWS_PER_STATEMENT))
          .execute();
      }
    });
    total += batch.length;
  };
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === ROWS_PER_TRANSACTION) await flush();
  }
  if (chunk.length > 0) await flush();
  return total;
}
