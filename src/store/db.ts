import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type StoreKind = 'sqlite' | 'postgres';

// BIGINT (counts, cent amounts) and NUMERIC come back from pg as strings; every such value we store fits a double.
pg.types.setTypeParser(20, Number);
pg.types.setTypeParser(1700, Number);

function storeKind(url: string): StoreKind {
  return url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
}

/** The kind of database behind a handle or a transaction, for the few places where SQL must differ. */
export function kindOf<T>(db: Kysely<T>): StoreKind {
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

function withStatementCache(database: SQLite.Database, reader: SQLite.Database | undefined) {
  const prepare = statementCache(database);
  return {
    close: () => {
      reader?.close();
      database.close();
    },
    prepare,
  };
}

/** Runs one read statement and returns its rows, synchronously. */
export type SqliteReader = (sql: string, parameters: readonly unknown[]) => unknown[];

const readers = new WeakMap<Db, SqliteReader>();

/**
 * The SQLite store's read connection, for single reads outside a transaction. Kysely queues every query behind
 * one connection and hops through several promises per query, which costs more than the point lookups of the
 * hottest endpoints; a second connection read synchronously costs neither, and in WAL mode it sees exactly what
 * is committed (never another request's open transaction). A transaction handle is never registered here, so
 * reads inside a transaction stay on the transaction's own connection.
 */
export function sqliteReaderOf(db: Db): SqliteReader | undefined {
  return readers.get(db);
}

function openSqlite(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // An in-memory database is private to its connection: a second one would see another, empty database.
  const reader = path === ':memory:' ? undefined : openReader(path);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(database, reader) }),
  });
  if (reader) readers.set(db, rawReader(reader));
  return db;
}

/**
 * better-sqlite3 builds each row object property by property, which for a wide row costs several times the
 * lookup itself. Rows are read as arrays instead and turned into objects by a constructor made once per
 * statement from its column names (SQLite's, never a request's), so every row has one shape.
 */
function rawReader(database: SQLite.Database): SqliteReader {
  const statements = new Map<string, { statement: SQLite.Statement; row: RowConstructor }>();
  return (sql, parameters) => {
    let known = statements.get(sql);
    if (!known) {
      const statement = database.prepare(sql).raw(true);
      known = { statement, row: rowConstructor(statement.columns().map((c) => c.name)) };
      statements.set(sql, known);
    }
    const rows = known.statement.all(...parameters) as unknown[][];
    return rows.map(known.row);
  };
}

type RowConstructor = (values: unknown[]) => Record<string, unknown>;

function rowConstructor(columns: string[]): RowConstructor {
  const fields = columns.map((name, i) => `${JSON.stringify(name)}: values[${i}]`).join(', ');
  return new Function('values', `return { ${fields} };`) as RowConstructor;
}

function openReader(path: string): SQLite.Database {
  const reader = new SQLite(path);
  reader.pragma('query_only = ON');
  reader.pragma('busy_timeout = 5000');
  return reader;
}

function openPostgres(url: string, poolSize: number): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export function openDb(url: string, options: { poolSize?: number } = {}): Db {
  if (storeKind(url) === 'sqlite') return openSqlite(url.slice('sqlite:'.length));
  return openPostgres(url, options.poolSize ?? 10);
}
