import { loadConfig, type Config } from '../config.ts';
import { openDb, type Db } from '../store/db.ts';
import { migrateToLatest } from '../store/migrate.ts';

/** Opens the configured store, brought up to date, runs `work`, and closes it. */
export async function withStore<T>(work: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = openDb(config.databaseUrl, { poolSize: 2 });
  try {
    await migrateToLatest(db);
    return await work(db, config);
  } finally {
    await db.destroy();
  }
}
