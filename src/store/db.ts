import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { checkpointInBackground } from './checkpoints.ts';
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

// BIGINT (counts, cent amounts) and NUMERIC come back from pg as strings; every such value we store fits a double.
pg.types.setTypeParser(20, Number);
pg.types.setTypeParser(1700, Number);

function storeKind(url: string): StoreKind {
  return url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
}

/** The kind of database behind a handle or a transaction, for the few places where SQL must differ. */
export function kindOf(db: Pick<Kysely<unknown>, 'getExecutor'>): StoreKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Kysely prepares every query anew, and preparing costs SQLite several times what running a point query does.
 * Queries are built from a fixed set of shapes, so their statements are kept and reused. Kysely runs one query
 * at a time per connection (a stream holds the connection until it ends), so a statement is never busy twice.
 */
function statementCache(database: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = database.prepare(sql);
      // Bulk inserts build statements of every size; keep the cache for the recurring shapes.
      if (statements.size < 2000) statements.set(sql, statement);
    }
    return statement;
  };
}

function withStatementCache(database: SQLite.Database, closeOthers: Array<() => void>) {
  const prepare = statementCache(database);
  return {
    close: () => {
      for (const close of closeOthers) close();
      database.close();
    },
    prepare,
  };
}

/**
 * SQLite: a second connection, read synchronously. In WAL mode it sees exactly what is committed, never another
 * request's open transaction. better-sqlite3 builds each row object property by property, which for a wide row
 * costs several times the lookup itself, so rows are read as arrays and turned into objects by a constructor made
 * once per statement from its column names (SQLite's, never a request's): every row then has one shape.
 */
export function sqliteReader(connection: SQLite.Database): Reader {
  const statements = new Map<string, { statement: SQLite.Statement; row: (values: unknown[]) => unknown }>();
  return ({ sql }, parameters) => {
    let known = statements.get(sql);
    if (!known) {
      const statement = connection.prepare(sql).raw(true);
      known = { statement, row: rowConstructor(statement.columns().map((c) => c.name)) };
      statements.set(sql, known);
    }
    return (known.statement.all(...parameters) as unknown[][]).map(known.row);
  };
}

/** Objects with `columns` as keys, from arrays of their values in that order: one shape for every row. */
function rowConstructor(columns: string[]): (values: unknown[]) => Record<string, unknown> {
  const fields = columns.map((name, i) => `${JSON.stringify(name)}: values[${i}]`).join(', ');
  return new Function('values', `return { ${fields} };`) as (values: unknown[]) => Record<string, unknown>;
}

/**
 * PostgreSQL: a named prepared statement, parsed and planned once per pooled connection instead of on every call.
 * Behind PgBouncer this needs session pooling, or transaction pooling with `max_prepared_statements` (1.21+).
 */
export function postgresReader(pool: pg.Pool): Reader {
  return async ({ name, sql }, parameters) =>
    (await pool.query({ name, text: sql, values: parameters as unknown[] })).rows;
}

function openSqlite(path: string, options: OpenOptions): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = openWriter(path);
  // An in-memory database is private to its connection: a second one would see another, empty database.
  const reader = path === ':memory:' ? undefined : openReader(path);
  const closeOthers: Array<() => void> = [];
  if (reader) closeOthers.push(() => reader.close());
  if (reader && options.backgroundCheckpoints) closeOthers.push(checkpointInBackground(database, path));
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(database, closeOthers) }),
  });
  return reader ? Object.assign(db, { reader: sqliteReader(reader) }) : db;
}

function openWriter(path: string): SQLite.Database {
  const database = new SQLite(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return database;
}

function openReader(path: string): SQLite.Database {
  const reader = new SQLite(path);
  reader.pragma('query_only = ON');
  reader.pragma('busy_timeout = 5000');
  return reader;
}

function openPostgres(url: string, poolSize: number): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return Object.assign(db, { reader: postgresReader(pool) });
}

export interface OpenOptions {
  /** PostgreSQL: connections in the pool (10). */
  poolSize?: number;
  /** SQLite: checkpoint the WAL from a worker thread rather than in commits (for the server; see checkpoints.ts). */
  backgroundCheckpoints?: boolean;
}

export function openDb(url: string, options: OpenOptions = {}): Db {
  if (storeKind(url) === 'sqlite') return openSqlite(url.slice('sqlite:'.length), options);
  return openPostgres(url, options.poolSize ?? 10);
}
