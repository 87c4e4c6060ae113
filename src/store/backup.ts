import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';

/**
 * Backups of a SQLite store, taken while servers use it. `VACUUM INTO` reads the database in one read
 * transaction, a snapshot of what was committed when it began (WAL mode: writers go on meanwhile, and the copy
 * never restarts as the page-by-page backup API does under a stream of writes), and writes a compact database.
 */
export function copySqlite(path: string, to: string): void {
  const source = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    source.prepare('VACUUM INTO ?').run(to);
  } finally {
    source.close();
  }
}

/** What a SQLite file holds, read without changing it: for a backup's report and a restore's checks. */
export interface SqliteFacts {
  integrity: string;
  migrations: string[];
  tenants: number;
}

export function sqliteFacts(path: string): SqliteFacts {
  const db = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join('; ');
    const has = (table: string) =>
      db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table) !== undefined;
    const migrations = has('kysely_migration')
      ? (db.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>).map(
          (r) => r.name,
        )
      : [];
    const tenants = has('tenants')
      ? (db.prepare('select count(*) as n from tenants').get() as { n: number }).n
      : 0;
    return { integrity, migrations, tenants };
  } finally {
    db.close();
  }
}

/** Whether a process has the store open now (or crashed with it open): SQLite keeps `-wal` beside it meanwhile. */
export function sqliteInUse(path: string): boolean {
  return existsSync(`${path}-wal`) || existsSync(`${path}-shm`);
}
