import pg from 'pg';

/**
 * A pool that survives the database dropping its connections (restart, failover, `pg_terminate_backend`, an idle
 * timeout on a proxy). pg emits `error` on the pool for an idle client and on the client itself for one that is
 * checked out between two queries; with no listener either one ends the process. The listeners below only keep the
 * process alive: pg already marks such a client unusable and the pool drops it instead of reusing it, then opens a
 * new connection for the next request. The query that was running gets its own error (see http/unavailable.ts).
 */
export function openPool(url: string, max: number, connectTimeoutMs = 0): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: connectTimeoutMs });
  pool.on('error', ignore);
  pool.on('connect', (client) => client.on('error', ignore));
  return pool;
}

// The failure reaches the request that was using the connection, which answers 503; nothing else to do here.
function ignore(): void {}
