import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { checkpointInBackground } from './checkpoints.ts';
import { postgresReader, registerDataVersion, registerReader, sqliteReader } from './readers.ts';
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

function openSqlite(path: string, options: OpenOptions): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = options.readOnly ? openReader(path) : openWriter(path);
  // An in-memory database is private to its connection: a second one would see another, empty database.
  const reader = path === ':memory:' ? undefined : openReader(path);
  const closeOthers: Array<() => void> = [];
  if (reader) closeOthers.push(() => reader.close());
  if (reader && options.backgroundCheckpoints) closeOthers.push(checkpointInBackground(database, path));
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(database, closeOthers) }),
  });
  if (reader) {
    registerReader(db, sqliteReader(reader));
    registerDataVersion(db, reader);
  }
  return db;
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
  registerReader(db, postgresReader(pool));
  return db;
}

export interface OpenOptions {
  /** PostgreSQL: connections in the pool (10). */
  poolSize?: number;
  /** SQLite: checkpoint the WAL from a worker thread rather than in commits (for the server; see checkpoints.ts). */
  backgroundCheckpoints?: boolean;
  /** SQLite: connections that only read, for a read worker of a server that holds the writer (see read-pool.ts). */
  readOnly?: boolean;
}

export function openDb(url: string, options: OpenOptions = {}): Db {
  if (storeKind(url) === 'sqlite') return openSqlite(url.slice('sqlite:'.length), options);
  return openPostgres(url, options.poolSize ?? 10);
}
