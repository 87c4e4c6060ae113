import { Migrator, sql, type Migration } from 'kysely';
import type { Db } from './db.ts';
import { migrations as ALL } from './migrations/index.ts';

/** The store's schema compared with this version's migrations. */
export interface MigrationState {
  /** Migrations of this version not applied to the store yet. */
  pending: string[];
  /** Migrations applied to the store that this version does not know: a newer version migrated it. */
  unknown: string[];
}

/** The store was migrated by a newer version of Clientele: running this one on it could corrupt it. */
export class NewerSchema extends Error {
  constructor(readonly unknown: string[]) {
    super(`the store's schema is newer than this version: it has migrations ${unknown.join(', ')}`);
    this.name = 'NewerSchema';
  }
}

const isMissingTable = (error: unknown) =>
  (error as { code?: unknown } | null)?.code === '42P01' || /no such table/.test(String(error));

/** Compares the store's applied migrations with this version's (one small query: the readiness probe runs it). */
export async function migrationState(
  db: Db,
  migrations: Record<string, Migration> = ALL,
): Promise<MigrationState> {
  let applied: string[];
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    applied = rows.map((r) => r.name);
  } catch (error) {
    if (!isMissingTable(error)) throw error;
    applied = [];
  }
  const known = Object.keys(migrations);
  return {
    pending: known.filter((name) => !applied.includes(name)),
    unknown: applied.filter((name) => !Object.hasOwn(migrations, name)).sort(),
  };
}

/**
 * Brings the schema up to date; returns the names of the migrations it applied. Processes starting together
 * apply them once: Kysely's migrator runs them in one transaction under a lock (PostgreSQL: an advisory lock;
 * SQLite: the write lock its `BEGIN IMMEDIATE` takes, see sqlite-driver.ts), and a process that waited finds
 * nothing left to do. A store migrated by a newer version is refused before anything runs.
 */
export async function migrateToLatest(
  db: Db,
  migrations: Record<string, Migration> = ALL,
): Promise<string[]> {
  const { unknown } = await migrationState(db, migrations);
  if (unknown.length) throw new NewerSchema(unknown);
  // Each area owns a number range (0xx core, 01x reservations, 02x agencies, 03x cards), so a database made
  // before one area's migrations existed may be missing lower numbers: apply them rather than refuse.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
