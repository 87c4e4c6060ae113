import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import { kindOf, type Db, type StoreKind } from './handle.ts';
import type { Database } from './schema.ts';

/**
 * Hot statements: built with Kysely once per store kind, then run with new values bound on every call. Kysely
 * otherwise rebuilds and recompiles a query on each call, which costs several times what SQLite spends on the point
 * lookups of the hottest endpoints and on the rows a booking writes.
 *
 * One scheme for every statement: the builder is called once with a placeholder for each argument, every
 * placeholder must reach the SQL as a bound value, and the compiled parameters are mapped back to argument
 * positions. Every named statement is listed in `preparedStatements`, from which test/store/prepared-sql.test.ts
 * writes docs/sql/hot-statements.sql: the SQL of the hot paths, reviewable in one file.
 */

/** A value bound into a prepared statement (an array only for PostgreSQL's `= any($n)`). */
export type Bound = string | number | null | readonly number[];

const PLACEHOLDER = '\u0000arg:';
const placeholder = (i: number) => `${PLACEHOLDER}${i}`;

interface Compiled {
  name: string;
  sql: string;
  /** For each bound parameter, the position of the argument it takes. */
  slots: number[];
}

/** Compiles `build` with placeholders for `arity` arguments; every bound value must be one of them. */
function compile(name: string, arity: number, build: (...args: Bound[]) => Compilable<unknown>): Compiled {
  const compiled = build(...Array.from({ length: arity }, (_, i) => placeholder(i))).compile();
  const slots = compiled.parameters.map((p) =>
    typeof p === 'string' && p.startsWith(PLACEHOLDER) ? Number(p.slice(PLACEHOLDER.length)) : -1,
  );
  if (slots.some((s) => s < 0)) throw new Error(`prepared ${name}: every bound value must be an argument`);
  return { name, sql: compiled.sql, slots };
}

/** A statement per store kind, compiled on first use. */
function perKind(name: string, arity: number, build: (db: Db, ...args: Bound[]) => Compilable<unknown>) {
  const byKind = new Map<StoreKind, Compiled>();
  return (db: Db): Compiled => {
    const kind = kindOf(db);
    let known = byKind.get(kind);
    if (!known) {
      known = compile(name, arity, (...args) => build(db, ...args));
      byKind.set(kind, known);
    }
    return known;
  };
}

interface Definition {
  name: string;
  arity: number;
  build: (db: Db, ...args: Bound[]) => Compilable<unknown>;
}

/** Every named statement, in the order they were defined: the source of docs/sql/hot-statements.sql. */
export const preparedStatements: Definition[] = [];

/** Defines a named statement; `onReader`: outside a transaction it runs on the handle's reader (see `Db.reader`). */
function prepared<A extends readonly Bound[], R>(
  name: string,
  arity: A['length'],
  build: (db: Db, ...args: A) => Compilable<R>,
  onReader: boolean,
): (db: Db, ...args: A) => Promise<R[]> {
  const definition = { name, arity, build: build as unknown as Definition['build'] };
  preparedStatements.push(definition);
  const statement = perKind(name, arity, definition.build);
  return async (db, ...args) => {
    const { sql, slots } = statement(db);
    const parameters = slots.map((s) => args[s] as Bound);
    if (onReader && db.reader) return (await db.reader({ name, sql }, parameters)) as R[];
    return (await db.executeQuery<R>(CompiledQuery.raw(sql, parameters as unknown[]))).rows;
  };
}

/**
 * A read. On a store's root handle it runs on the handle's reader (see `Db.reader`); on a transaction handle, on
 * the transaction's own connection, so it sees the transaction's writes.
 */
export const preparedRead = <A extends readonly Bound[], R>(
  name: string,
  arity: A['length'],
  build: (db: Db, ...args: A) => Compilable<R>,
) => prepared(name, arity, build, true);

/** A write (or a read that must stay in its transaction): always on the handle's own connection. */
export const preparedWrite = <A extends readonly Bound[], R>(
  name: string,
  arity: A['length'],
  build: (db: Db, ...args: A) => Compilable<R>,
) => prepared(name, arity, build, false);

type Table = keyof Database & string;
type Value = string | number | null;
/** A row of plain values: what is bound is exactly what is given (undefined columns are left out, as Kysely does). */
type PlainRow<R> = { [K in keyof R]: Value | undefined };

/** Insert shapes kept per table: single-row inserts have a few, multi-row ones one per row count in use. */
const MAX_INSERT_SHAPES = 200;

/**
 * Inserts into `table`, the same scheme with one argument per value: the statement is compiled once per store kind,
 * column list and row count, and a booking's five inserts only bind their values.
 */
export function preparedInsert(table: Table, returning: 'id' | null) {
  const shapes = new Map<string, Compiled>();

  function shape(db: Db, columns: string[], count: number): Compiled {
    const key = `${kindOf(db)}|${count}|${columns.join(',')}`;
    let known = shapes.get(key);
    if (known) return known;
    const loose = db as unknown as Kysely<Record<string, Record<string, Bound>>>;
    known = compile(`insert_${table}`, count * columns.length, (...args) => {
      const rows = Array.from({ length: count }, (_, i) =>
        Object.fromEntries(columns.map((c, j) => [c, args[i * columns.length + j]!])),
      );
      const insert = loose.insertInto(table).values(rows);
      return returning ? insert.returning(returning) : insert;
    });
    if (shapes.size < MAX_INSERT_SHAPES) shapes.set(key, known);
    return known;
  }

  return async <R extends PlainRow<R>>(db: Db, given: readonly R[]): Promise<Array<{ id: number }>> => {
    if (given.length === 0) return [];
    const rows = given as unknown as ReadonlyArray<Record<string, Value | undefined>>;
    const columns = Object.keys(rows[0]!).filter((c) => rows[0]![c] !== undefined);
    const values: Value[] = [];
    for (const row of rows) {
      const defined = Object.keys(row).filter((c) => row[c] !== undefined);
      if (defined.length !== columns.length || defined.some((c, j) => c !== columns[j]))
        throw new Error(`insert into ${table}: every row must have the same columns in the same order`);
      for (const c of columns) values.push(row[c] as Value);
    }
    const { sql, slots } = shape(db, columns, rows.length);
    const result = await db.executeQuery<{ id: number }>(
      CompiledQuery.raw(
        sql,
        slots.map((s) => values[s]),
      ),
    );
    return result.rows;
  };
}

/** The SQL of a named statement for one store kind (for the reviewed SQL file). */
export function sqlOf(definition: Definition, db: Db): string {
  return compile(definition.name, definition.arity, (...args) => definition.build(db, ...args)).sql;
}
