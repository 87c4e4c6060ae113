import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { StoreUnavailable } from './unavailable.ts';

/**
 * Kysely's SQLite dialect, with the two connections of a store and SQLite's write lock waited for without
 * blocking the event loop.
 *
 * - Reads outside a transaction run on the read connection (`query_only`): in WAL mode it sees exactly what is
 *   committed, and it never waits for a writer, so reads go on while another request, or another process, holds
 *   the write lock.
 * - A transaction takes the write lock at its start (`BEGIN IMMEDIATE`): a transaction that read first and wrote
 *   later would fail at once (SQLITE_BUSY_SNAPSHOT) whenever another process had committed in between.
 * - The writer's `busy_timeout` is 0: better-sqlite3 would wait it out synchronously, freezing every request of
 *   the process. A busy lock is retried here with a growing pause instead, until `lockTimeoutMs`; then the write
 *   fails alone with `StoreUnavailable` (a 503 in every dialect).
 * - One transaction at a time per process, as with Kysely's own driver: it holds the writer from BEGIN to COMMIT.
 */
export interface SqliteConnections {
  writer: SQLite.Database;
  /** Absent for an in-memory database, which a second connection cannot see: reads then use the writer. */
  reader?: SQLite.Database;
  lockTimeoutMs: number;
  /** Statements prepared once per SQL text and connection. */
  prepare(connection: SQLite.Database, sql: string): SQLite.Statement;
  /** Called, and waited for, before the connections close (stops background checkpoints). */
  onClose?: () => Promise<void>;
}

/** A query (not a PRAGMA or other statement about the writer's own connection): it may run on the reader. */
const QUERY = /^\s*(select|with)\b/i;

const isBusy = (error: unknown) =>
  typeof (error as { code?: unknown } | null)?.code === 'string' &&
  (error as { code: string }).code.startsWith('SQLITE_BUSY');

/** One turn at a time on the writer: a transaction's, or a single write's. */
class Turns {
  #queue: Promise<void> = Promise.resolve();
  take(): Promise<() => void> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#queue.then(() => release);
    this.#queue = this.#queue.then(() => turn);
    return ready;
  }
}

class Session implements DatabaseConnection {
  /** Set from BEGIN to COMMIT or ROLLBACK: every statement then runs on the writer, inside the transaction. */
  release?: () => void;
  constructor(readonly driver: SqliteStoreDriver) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { writer, reader, prepare } = this.driver.connections;
    const statement = prepare(writer, compiled.sql);
    if (this.release) return run<R>(statement, compiled.parameters);
    if (reader && statement.readonly && QUERY.test(compiled.sql))
      return run<R>(prepare(reader, compiled.sql), compiled.parameters);
    const release = await this.driver.turns.take();
    try {
      return await this.driver.whenUnlocked(() => run<R>(statement, compiled.parameters));
    } finally {
      release();
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not used with SQLite stores');
  }
}

function run<R>(statement: SQLite.Statement, parameters: readonly unknown[]): QueryResult<R> {
  if (statement.reader) return { rows: statement.all(parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

class SqliteStoreDriver implements Driver {
  readonly turns = new Turns();
  constructor(readonly connections: SqliteConnections) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Session(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const session = connection as Session;
    const release = await this.turns.take();
    try {
      const begin = this.connections.prepare(this.connections.writer, 'begin immediate');
      await this.whenUnlocked(() => begin.run());
      session.release = release;
    } catch (error) {
      release();
      throw error;
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.end(connection as Session, 'commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await this.end(connection as Session, 'rollback');
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    await this.connections.onClose?.();
    this.connections.reader?.close();
    this.connections.writer.close();
  }

  async end(session: Session, command: 'commit' | 'rollback'): Promise<void> {
    const { writer, prepare } = this.connections;
    const release = session.release;
    session.release = undefined;
    try {
      if (writer.inTransaction) prepare(writer, command).run();
    } finally {
      // A failed COMMIT leaves the transaction open: roll it back so the next turn starts clean.
      if (writer.inTransaction) prepare(writer, 'rollback').run();
      release?.();
    }
  }

  /** Runs `attempt` until it does not find the database locked, pausing between tries, up to the timeout. */
  async whenUnlocked<T>(attempt: () => T): Promise<T> {
    const deadline = Date.now() + this.connections.lockTimeoutMs;
    for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
      try {
        return attempt();
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (Date.now() >= deadline)
          throw new StoreUnavailable('the database is locked by another writer', { cause: error });
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }
}

/**
 * SQLite does run DDL inside a transaction; Kysely's adapter says it does not, and then migrates statement by
 * statement with no lock at all (it assumes one connection). Saying so makes its migrator apply the pending
 * migrations in one transaction, which this driver opens with `BEGIN IMMEDIATE`: a second process starting at the
 * same moment waits for the write lock, then finds the migrations applied, and a failed migration leaves nothing.
 */
class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export function sqliteDialect(connections: SqliteConnections): Dialect {
  return {
    createAdapter: () => new TransactionalDdlAdapter(),
    createDriver: () => new SqliteStoreDriver(connections),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>) => new SqliteIntrospector(db),
  };
}
