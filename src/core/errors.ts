import { UniqueViolation, type Violation } from '../store/unique.ts';

/**
 * The closed set of ways a domain operation can fail: a reason, stable for the dialects to translate (virtpos
 * renders each in Russian), and the code each reason belongs to, which every surface maps to its own error shape
 * and HTTP status in one place (src/http/failures.ts). A message is for people and may change; a reason may not.
 */
export const REASONS = {
  missing_key: 'unauthorized',
  bad_key: 'unauthorized',
  bad_owner: 'forbidden',
  missing_value: 'invalid',
  invalid_value: 'invalid',
  page_size_too_large: 'invalid',
  unknown_method: 'not_found',
  not_found: 'not_found',
  customer_not_found: 'not_found',
  card_not_found: 'not_found',
  card_type_not_found: 'not_found',
  customer_group_not_found: 'not_found',
  conflict: 'conflict',
  customer_external_id_taken: 'conflict',
  card_external_id_taken: 'conflict',
  card_uid_taken: 'conflict',
  card_barcode_taken: 'conflict',
  room_taken: 'conflict',
  stay_restricted: 'conflict',
  product_sold_out: 'conflict',
  guest_in_room: 'conflict',
  erased_stand_in: 'conflict',
  idempotency_key_invalid: 'invalid',
  idempotency_key_unsupported: 'invalid',
  idempotency_key_busy: 'conflict',
  idempotency_key_reused: 'unprocessable',
} as const;

export type Reason = keyof typeof REASONS;
export type ErrorCode = (typeof REASONS)[Reason];

export class DomainError extends Error {
  readonly code: ErrorCode;
  constructor(
    readonly reason: Reason,
    message: string,
    /** The request field the error is about, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = REASONS[reason];
  }
}

export const invalid = (message: string, field?: string) => new DomainError('invalid_value', message, field);
export const missing = (message: string, field?: string) => new DomainError('missing_value', message, field);
export const notFound = (message: string, reason: Reason = 'not_found') => new DomainError(reason, message);
export const conflict = (message: string, reason: Reason = 'conflict') => new DomainError(reason, message);

/** The domain error a store's unique-index refusal stands for (a concurrent writer took the value). */
export function fromViolation(violation: Violation): DomainError {
  return new DomainError(violation.reason, violation.message, violation.field);
}

/**
 * Whether an operation failed because a value it meant to take was taken: by a rule of the core, or by a
 * concurrent writer whose commit the store's unique index reported. Callers that can try again (a room picked by
 * type, an upsert that lost its create) retry on exactly this.
 */
export function isConflict(error: unknown): boolean {
  return error instanceof UniqueViolation || (error instanceof DomainError && error.code === 'conflict');
}
