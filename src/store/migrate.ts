import { Migrator } from 'kysely';
import type { Db } from './db.ts';
import { migrations } from './migrations/index.ts';

/** Brings the schema up to date; returns the names of the migrations it applied. */
export async function migrateToLatest(db: Db): Promise<string[]> {
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
