import type { ErrorCode } from '../core/errors.ts';

/** The HTTP status of each domain failure, for the dialects whose errors travel as HTTP statuses. */
export const httpStatus: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};
