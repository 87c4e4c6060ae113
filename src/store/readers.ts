import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import type { Db } from './db.ts';

/** A compiled read: its SQL for one kind of database, and a name that belongs to that SQL alone. */
export interface ReadStatement {
  name: string;
  sql: string;
}

/** Runs one read outside any transaction and returns its rows. */
export type Reader = (statement: ReadStatement, parameters: unknown[]) => unknown[] | Promise<unknown[]>;

const readers = new WeakMap<Db, Reader>();
const versions = new WeakMap<Db, () => number>();

/**
 * The reader of a store's root handle, for the hot compiled reads (see `compiledQuery`). Kysely queues every query
 * behind its connection and hops through several promises per query, which costs more than the point lookups of
 * the hottest endpoints. Only root handles are registered: a transaction handle is another object, so reads
 * inside a transaction stay on the transaction's own connection and see its writes.
 */
export function readerOf(db: Db): Reader | undefined {
  return readers.get(db);
}

export function registerReader(db: Db, reader: Reader): void {
  readers.set(db, reader);
}

/**
 * SQLite: a number that changes whenever any other connection, in this process or another, commits to the
 * database (PRAGMA data_version on the reader, which never writes). Undefined for PostgreSQL and transactions.
 */
export function dataVersionOf(db: Db): (() => number) | undefined {
  return versions.get(db);
}

export function registerDataVersion(db: Db, connection: SQLite.Database): void {
  const statement = connection.prepare('PRAGMA data_version').pluck();
  versions.set(db, () => statement.get() as number);
}

/**
 * SQLite: a second connection, read synchronously. In WAL mode it sees exactly what is committed, never another
 * request's open transaction. better-sqlite3 builds each row object property by property, which for a wide row
 * costs several times the lookup itself, so rows are read as arrays and turned into objects by a constructor made
 * once per statement from its column names (SQLite's, never a request's): every row then has one shape.
 */
export function sqliteReader(connection: SQLite.Database): Reader {
  const statements = new Map<string, { statement: SQLite.Statement; row: RowConstructor }>();
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

type RowConstructor = (values: unknown[]) => Record<string, unknown>;

/** Objects with `columns` as keys, from arrays of their values in that order: one shape for every row. */
export function rowConstructor(columns: string[]): RowConstructor {
  const fields = columns.map((name, i) => `${JSON.stringify(name)}: values[${i}]`).join(', ');
  return new Function('values', `return { ${fields} };`) as RowConstructor;
}

/**
 * PostgreSQL: a named prepared statement, parsed and planned once per pooled connection instead of on every call
 * (the server shares the machine's cores with Clientele). Behind PgBouncer this needs session pooling, or
 * transaction pooling with `max_prepared_statements` (PgBouncer 1.21 or later).
 */
export function postgresReader(pool: pg.Pool): Reader {
  return async ({ name, sql }, parameters) =>
    (await pool.query({ name, text: sql, values: parameters })).rows;
}
