import { conflict } from '../core/errors.ts';

/** Whether a driver error is a UNIQUE / primary key violation, on SQLite (better-sqlite3) or PostgreSQL (pg). */
function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = (error as { code: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Runs a write whose uniqueness the core checked beforehand: if a concurrent writer took the value in between,
 * the unique index refuses it, and that becomes the same `conflict` the check would have given.
 */
export async function uniqueOrConflict<T>(write: Promise<T>, message: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(message);
    throw error;
  }
}
