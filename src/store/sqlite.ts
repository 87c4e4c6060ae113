import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import { checkpointInBackground } from './checkpoints.ts';
import type { Db, Reader } from './handle.ts';
import type { Database } from './schema.ts';
import { sqliteDialect } from './sqlite-driver.ts';
import { kyselyLog, timedReader, type QueryObserver } from './query-timing.ts';

export interface SqliteOptions {
  /** Checkpoint the WAL from a worker thread rather than in commits (for the server; see checkpoints.ts). */
  backgroundCheckpoints?: boolean;
  /** The log's length in pages past which the background checkpoints start it over (64 MB of pages by default). */
  walRestartPages?: number;
  /** How long a write waits for SQLite's write lock held by another connection or process (5000 ms). */
  lockTimeoutMs?: number;
  /** Told how long each query took (the server's metrics). */
  onQuery?: QueryObserver;
}

/**
 * Kysely prepares every query anew, and preparing costs SQLite several times what running a point query does.
 * Queries are built from a fixed set of shapes, so their statements are kept and reused, per connection. Each
 * connection runs one statement at a time (better-sqlite3 is synchronous), so a statement is never busy twice.
 */
function statementCache() {
  const caches = new Map<SQLite.Database, Map<string, SQLite.Statement>>();
  return (connection: SQLite.Database, sql: string) => {
    let statements = caches.get(connection);
    if (!statements) caches.set(connection, (statements = new Map()));
    let statement = statements.get(sql);
    if (!statement) {
      statement = connection.prepare(sql);
      // Bulk inserts build statements of every size; keep the cache for the recurring shapes.
      if (statements.size < 2000) statements.set(sql, statement);
    }
    return statement;
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

export function openSqlite(path: string, options: SqliteOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const writer = openWriter(path);
  // An in-memory database is private to its connection: a second one would see another, empty database.
  const reader = path === ':memory:' ? undefined : openReader(path);
  const stopCheckpoints =
    reader && options.backgroundCheckpoints
      ? checkpointInBackground(writer, path, options.walRestartPages)
      : undefined;
  const db = new Kysely<Database>({
    dialect: sqliteDialect({
      writer,
      reader,
      lockTimeoutMs: options.lockTimeoutMs ?? 5000,
      prepare: statementCache(),
      onClose: stopCheckpoints,
    }),
    log: kyselyLog(options.onQuery),
  });
  return reader ? Object.assign(db, { reader: timedReader(sqliteReader(reader), options.onQuery) }) : db;
}

/** The writer never waits inside SQLite (busy_timeout 0): the driver waits for the lock without blocking. */
function openWriter(path: string): SQLite.Database {
  const database = new SQLite(path);
  database.pragma('busy_timeout = 5000');
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  // What a row held is zeroed where it is deleted or rewritten, on the page being written anyway (FAST: no page
  // more is written): an erased guest's words do not stay in the file's free space (docs/guest-data.md).
  database.pragma('secure_delete = FAST');
  database.pragma('busy_timeout = 0');
  return database;
}

/** WAL readers do not wait for writers; the timeout covers only the rare recovery of the WAL index. */
function openReader(path: string): SQLite.Database {
  const reader = new SQLite(path);
  reader.pragma('query_only = ON');
  reader.pragma('busy_timeout = 5000');
  return reader;
}
