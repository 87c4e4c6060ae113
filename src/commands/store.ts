import { existsSync } from 'node:fs';
import { loadConfig, type Config } from '../config.ts';
import { openDataKeys } from '../core/data-keys.ts';
import { openDb, type Db, type OpenOptions } from '../store/db.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { UsageError } from './args.ts';

/**
 * How commands open the store: a PostgreSQL that does not answer fails within 10 s rather than never, and a
 * SQLite write lock held by a starting server's migrations (one transaction) is waited for up to 2 minutes.
 */
export const STARTUP_OPTIONS: OpenOptions = { connectTimeoutMs: 10_000, lockTimeoutMs: 120_000 };

/** Opens the configured store, brought up to date, runs `work`, and closes it. */
export async function withStore<T>(work: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = openDb(config.databaseUrl, { ...STARTUP_OPTIONS, poolSize: 2 });
  try {
    await migrateToLatest(db);
    return await work(db, config);
  } finally {
    await db.destroy();
  }
}

/**
 * Opens the servers' data key file (DATA_KEY_FILE) for a command that seals or opens with it. Unlike a server's
 * first start, a command never makes one: a wrong DATA_KEY_FILE would seal what no server opens, or find nothing to
 * decrypt with. Without it the command was called wrongly (exit 2), and nothing was done.
 */
export function openServersDataKeys(config: Config): void {
  if (!existsSync(config.dataKeyFile))
    throw new UsageError(`no data key file at ${config.dataKeyFile}: a server's first start makes it`);
  openDataKeys(config.dataKeyFile);
}
