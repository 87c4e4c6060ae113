/**
 * The closed set of ways a domain operation can fail. Each dialect maps these codes to its own error shape and
 * HTTP status in one place; the core never knows about HTTP.
 */
export type ErrorCode = 'invalid' | 'not_found' | 'conflict' | 'unauthorized' | 'forbidden';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The request field the error is about, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (message: string, field?: string) => new DomainError('invalid', message, field);
export const notFound = (message: string) => new DomainError('not_found', message);
export const conflict = (message: string) => new DomainError('conflict', message);
