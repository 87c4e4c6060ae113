import { CompiledQuery, type Kysely } from 'kysely';
import { kindOf, type Db } from './db.ts';
import type { Database } from './schema.ts';

type Table = keyof Database & string;
type Value = string | number | null;
/** A row of plain values: what is bound is exactly what is given (undefined columns are left out, as Kysely does). */
type PlainRow<R> = { [K in keyof R]: Value | undefined };

/** Shapes kept per table: single-row inserts have a few, multi-row ones one per row count in use. */
const MAX_SHAPES = 200;
const SENTINEL = '\u0000value:';

interface Shape {
  sql: string;
  /** For each bound parameter: [row, column] of the value it takes. */
  slots: Array<[number, number]>;
}

/**
 * Inserts into `table` built and compiled by Kysely once per store kind, column list and row count, then run with
 * the rows' values bound on every call. Building and compiling an insert costs Kysely more than SQLite spends
 * writing the row, and a booking writes five of them. The SQL is Kysely's own (same quoting, same RETURNING),
 * so both stores keep one text per shape.
 */
export function compiledInsert(table: Table, returning: 'id' | null) {
  const shapes = new Map<string, Shape>();

  function shape(db: Db, columns: string[], count: number): Shape {
    const key = `${kindOf(db)}|${count}|${columns.join(',')}`;
    let known = shapes.get(key);
    if (known) return known;
    const sentinels = Array.from({ length: count }, (_, i) =>
      Object.fromEntries(columns.map((c, j) => [c, `${SENTINEL}${i}:${j}`])),
    );
    const loose = db as unknown as Kysely<Record<string, Record<string, Value>>>;
    const insert = loose.insertInto(table).values(sentinels);
    const compiled = (returning ? insert.returning(returning) : insert).compile();
    const slots = compiled.parameters.map((p) => {
      const [i, j] =
        typeof p === 'string' && p.startsWith(SENTINEL) ? p.slice(SENTINEL.length).split(':') : [];
      if (i === undefined || j === undefined)
        throw new Error('compiledInsert: every bound value must come from a row');
      return [Number(i), Number(j)] as [number, number];
    });
    known = { sql: compiled.sql, slots };
    if (shapes.size < MAX_SHAPES) shapes.set(key, known);
    return known;
  }

  return async <R extends PlainRow<R>>(db: Db, given: readonly R[]): Promise<Array<{ id: number }>> => {
    if (given.length === 0) return [];
    const rows = given as unknown as ReadonlyArray<Record<string, Value | undefined>>;
    const columns = Object.keys(rows[0]!).filter((c) => rows[0]![c] !== undefined);
    for (const row of rows) {
      const defined = Object.keys(row).filter((c) => row[c] !== undefined);
      if (defined.length !== columns.length || defined.some((c, j) => c !== columns[j]))
        throw new Error('compiledInsert: every row must have the same columns in the same order');
    }
    const { sql, slots } = shape(db, columns, rows.length);
    const values = slots.map(([i, j]) => rows[i]![columns[j]!] as Value);
    const result = await db.executeQuery<{ id: number }>(CompiledQuery.raw(sql, values));
    return result.rows;
  };
}
