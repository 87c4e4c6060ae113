import { CompiledQuery, type Compilable } from 'kysely';
import { kindOf, type Db, type StoreKind } from './db.ts';
import { readerOf, type ReadStatement } from './readers.ts';

// Names the prepared statements of PostgreSQL: one per query shape, for the life of the process.
let compiledQueries = 0;

/**
 * A read query built and compiled once per database kind, then run with new values bound on every call. Kysely
 * otherwise rebuilds and recompiles a query on each call, which costs several times what SQLite spends on the
 * point lookups of the hottest endpoints.
 *
 * `build` is called once with sentinel arguments; each argument must reach the SQL as a bound value, unchanged.
 * Outside a transaction it runs on the store's reader (see `readerOf`).
 */
export function compiledQuery<A extends readonly (string | number)[], R>(
  build: (db: Db, ...args: A) => Compilable<R>,
  arity: A['length'],
) {
  const shapes = new Map<StoreKind, ReadStatement & { slots: number[] }>();
  const name = `clientele_read_${(compiledQueries += 1)}`;
  const sentinels = Array.from({ length: arity }, (_, i) => `\u0000arg${i}\u0000`);

  function shape(db: Db) {
    const kind = kindOf(db);
    let known = shapes.get(kind);
    if (!known) {
      const compiled = build(db, ...(sentinels as unknown as A)).compile();
      const slots = compiled.parameters.map((p) => sentinels.indexOf(p as string));
      if (slots.some((s) => s < 0)) throw new Error('compiledQuery: every bound value must be an argument');
      known = { name, sql: compiled.sql, slots };
      shapes.set(kind, known);
    }
    return known;
  }

  return async (db: Db, ...args: A): Promise<R[]> => {
    const statement = shape(db);
    const parameters = statement.slots.map((s) => args[s]);
    const reader = readerOf(db);
    if (reader) return (await reader(statement, parameters)) as R[];
    const result = await db.executeQuery<R>(CompiledQuery.raw(statement.sql, parameters));
    return result.rows;
  };
}
