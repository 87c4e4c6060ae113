import { loadConfig } from '../config.ts';
import { openDb } from '../store/db.ts';
import { migrateToLatest } from '../store/migrate.ts';

export async function migrateCommand(): Promise<number> {
  const db = openDb(loadConfig().databaseUrl, { poolSize: 1 });
  try {
    const applied = await migrateToLatest(db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    return 0;
  } finally {
    await db.destroy();
  }
}
