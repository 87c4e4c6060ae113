import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Db, Reader } from './handle.ts';
import { openPool } from './pg-pool.ts';
import { kyselyLog, timedReader, type QueryObserver } from './query-timing.ts';
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

export interface PostgresOptions {
  /** Connections in the pool (10). */
  poolSize?: number;
  /** How long opening a connection may take before it fails, in ms (0: no limit, the default). */
  connectTimeoutMs?: number;
  /**
   * How long a query may wait for its answer on an open connection before the connection is closed and the query
   * fails, in ms (0: no limit, the default; `serve` sets QUERY_TIMEOUT_MS, pg-pool.ts).
   */
  queryTimeoutMs?: number;
  /** Told how long each query took (the server's metrics). */
  onQuery?: QueryObserver;
}

export function openPostgres(url: string, options: PostgresOptions = {}): Db {
  const pool = openPool(url, options.poolSize ?? 10, options.connectTimeoutMs, options.queryTimeoutMs);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: kyselyLog(options.onQuery),
  });
  return Object.assign(db, { reader: timedReader(postgresReader(pool), options.onQuery) });
}
