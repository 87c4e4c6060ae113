/** What a unique-index refusal meant, for the core to turn into its own error (see `fromViolation`). */
export type ViolationReason =
  'conflict' | 'room_taken' | 'guest_in_room' | 'customer_external_id_taken' | 'customer_not_found';

export interface Violation {
  reason: ViolationReason;
  message: string;
  field?: string;
}

/** A write refused by a UNIQUE or primary key index: a concurrent writer took the value first. */
export class UniqueViolation extends Error implements Violation {
  constructor(
    readonly reason: ViolationReason,
    message: string,
  ) {
    super(message);
    this.name = 'UniqueViolation';
  }
}

/** Whether a driver error is a UNIQUE / primary key violation, on SQLite (better-sqlite3) or PostgreSQL (pg). */
function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = (error as { code: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Runs a write whose uniqueness the core checked beforehand: if a concurrent writer took the value in between,
 * the unique index refuses it, and that becomes a typed `UniqueViolation` instead of a driver error.
 */
export async function uniqueOrViolation<T>(
  write: Promise<T>,
  reason: ViolationReason,
  message: string,
): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error)) throw new UniqueViolation(reason, message);
    throw error;
  }
}

/**
 * A write refused by a foreign key: the row it names (a customer) was deleted by a concurrent writer after the core
 * found it, by an erasure or a merge that committed first. The core answers it as the row not found, as it would
 * have had the write come a moment later.
 */
export class ReferenceGone extends Error implements Violation {
  constructor(
    readonly reason: ViolationReason,
    message: string,
  ) {
    super(message);
    this.name = 'ReferenceGone';
  }
}

/** Whether a driver error is a foreign key violation, on SQLite (better-sqlite3) or PostgreSQL (pg). */
function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = (error as { code: unknown }).code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Runs a write naming a row the core found beforehand; if a concurrent writer deleted it, a `ReferenceGone`. */
export async function referenceOrGone<T>(
  write: Promise<T>,
  reason: ViolationReason,
  message: string,
): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new ReferenceGone(reason, message);
    throw error;
  }
}
