/** What a unique-index refusal meant, for the core to turn into its own error (see `fromViolation`). */
export type ViolationReason =
  'conflict' | 'room_taken' | 'guest_in_room' | 'customer_external_id_taken' | 'customer_not_found';

export interface Violation {
  reason: ViolationReason;
  message: string;
  field?: string;
}

/** A write the database refused for what another writer did first: the reason the core gave it beforehand. */
abstract class Refused extends Error implements Violation {
  constructor(
    readonly reason: ViolationReason,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A write refused by a UNIQUE or primary key index: a concurrent writer took the value first. */
export class UniqueViolation extends Refused {}

/**
 * A write refused by a foreign key: the row it names (a customer) was deleted by a concurrent writer after the core
 * found it, by an erasure or a merge that committed first. The core answers it as the row not found, as it would
 * have had the write come a moment later.
 */
export class ReferenceGone extends Refused {}

/** The driver codes of each refusal, on SQLite (better-sqlite3) and PostgreSQL (pg). */
const UNIQUE_CODES = ['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'];
const FOREIGN_KEY_CODES = ['23503', 'SQLITE_CONSTRAINT_FOREIGNKEY'];

/** Runs `write`; a driver error with one of `codes` becomes `Refusal` with the reason and message given. */
async function refusedAs<T>(
  write: Promise<T>,
  codes: readonly string[],
  Refusal: new (reason: ViolationReason, message: string) => Refused,
  reason: ViolationReason,
  message: string,
): Promise<T> {
  try {
    return await write;
  } catch (error) {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (typeof code === 'string' && codes.includes(code)) throw new Refusal(reason, message);
    throw error;
  }
}

/**
 * Runs a write whose uniqueness the core checked beforehand: if a concurrent writer took the value in between,
 * the unique index refuses it, and that becomes a typed `UniqueViolation` instead of a driver error.
 */
export const uniqueOrViolation = <T>(
  write: Promise<T>,
  reason: ViolationReason,
  message: string,
): Promise<T> => refusedAs(write, UNIQUE_CODES, UniqueViolation, reason, message);

/** Runs a write naming a row the core found beforehand; if a concurrent writer deleted it, a `ReferenceGone`. */
export const referenceOrGone = <T>(write: Promise<T>, reason: ViolationReason, message: string): Promise<T> =>
  refusedAs(write, FOREIGN_KEY_CODES, ReferenceGone, reason, message);
