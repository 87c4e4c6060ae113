import pg from 'pg';

/**
 * A pool that survives the database dropping its connections (restart, failover, `pg_terminate_backend`, an idle
 * timeout on a proxy). pg emits `error` on the pool for an idle client and on the client itself for one that is
 * checked out between two queries; with no listener either one ends the process. The listeners below only keep the
 * process alive: pg already marks such a client unusable and the pool drops it instead of reusing it, then opens a
 * new connection for the next request. The query that was running gets its own error (see http/unavailable.ts).
 *
 * `queryTimeoutMs` (0: none) bounds how long a query waits for its answer on a connection already open: past it the
 * connection is closed (`QueryTimeout`, see boundQueries).
 */
export function openPool(url: string, max: number, connectTimeoutMs = 0, queryTimeoutMs = 0): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: connectTimeoutMs });
  pool.on('error', ignore);
  pool.on('connect', (client) => {
    client.on('error', ignore);
    if (queryTimeoutMs > 0) boundQueries(client, queryTimeoutMs);
  });
  return pool;
}

// The failure reaches the request that was using the connection, which answers 503; nothing else to do here.
function ignore(): void {}

/**
 * A query that got no answer within the time set: the connection was closed under it. `ETIMEDOUT`, as a socket that
 * timed out: the request answers 503 (http/unavailable.ts).
 */
export class QueryTimeout extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`PostgreSQL did not answer a query within ${ms} ms: its connection was closed`);
    this.name = 'QueryTimeout';
  }
}

type Query = (...args: unknown[]) => unknown;

/**
 * Closes a client's connection when one of its queries waits longer than `ms` for its answer: a server that accepted
 * the connection and then went silent (a partition, a hung host) would otherwise hold the query, its request and
 * the pool's slot forever. pg's own `query_timeout` is not enough: it fails the query but keeps the connection, with
 * the query still running on it, and Kysely gives such a client back to the pool as sound, so the next request
 * queued behind it. Destroying the socket fails every query of the client with `QueryTimeout`, marks the client
 * unusable, and the pool discards it when it is given back (pg-pool checks `_queryable`); the server rolls back what
 * the connection had not committed when it notices the connection gone. Queries are sent as a promise (Kysely) or
 * with a callback (`pool.query`); a submittable (a cursor) is not bounded, and none is used.
 */
function boundQueries(client: pg.PoolClient, ms: number): void {
  const query = client.query as unknown as Query;
  const bounded = function (this: pg.PoolClient, ...args: unknown[]): unknown {
    const timer = setTimeout(() => cut(client, ms), ms);
    const done = () => clearTimeout(timer);
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (...results: unknown[]) => {
        done();
        (callback as Query)(...results);
      };
      return query.apply(this, args);
    }
    const result = query.apply(this, args);
    if (result instanceof Promise) result.then(done, done);
    else done();
    return result;
  };
  client.query = bounded as unknown as typeof client.query;
}

/** pg's socket of a client: not part of its typed interface. */
function cut(client: pg.PoolClient, ms: number): void {
  const connection = (client as unknown as { connection?: { stream?: { destroy(error?: Error): void } } })
    .connection;
  connection?.stream?.destroy(new QueryTimeout(ms));
}
