import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Db, Reader } from './handle.ts';
import { openPool } from './pg-pool.ts';
import type { Database } from './schema.ts';

// BIGINT (counts, cent amounts) and NUMERIC come back from pg as strings; every such value we store fits a double.
pg.types.setTypeParser(20, Number);
pg.types.setTypeParser(1700, Number);

/**
 * PostgreSQL: a named prepared statement, parsed and planned once per pooled connection instead of on every call.
 * Behind PgBouncer this needs session pooling, or transaction pooling with `max_prepared_statements` (1.21+).
 */
export function postgresReader(pool: pg.Pool): Reader {
  return async ({ name, sql }, parameters) =>
    (await pool.query({ name, text: sql, values: parameters as unknown[] })).rows;
}

export function openPostgres(url: string, poolSize: number): Db {
  const pool = openPool(url, poolSize);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return Object.assign(db, { reader: postgresReader(pool) });
}
