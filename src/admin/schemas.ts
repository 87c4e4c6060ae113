// JSON schemas shared by the admin routes: they validate requests, serialise replies and become the OpenAPI
// document (`/openapi/admin.json`), so the contract and the code are one thing.

export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'the stable reason (e.g. not_found, invalid_value, bad_key)' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

const problemRef = { $ref: 'Problem#' } as const;

/** The error replies every route may give. */
export const errorReplies = {
  400: problemRef,
  401: problemRef,
  404: problemRef,
  409: problemRef,
  // An Idempotency-Key reused with another request (docs/idempotency.md).
  422: problemRef,
  503: problemRef,
} as const;

export const id = { type: 'integer', minimum: 1, maximum: 2147483647 } as const;

export const tenantParams = {
  type: 'object',
  required: ['tenant'],
  properties: { tenant: id },
} as const;

export const tenantItemParams = {
  type: 'object',
  required: ['tenant', 'id'],
  properties: { tenant: id, id },
} as const;

export const pageQuery = {
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  cursor: { type: 'string', maxLength: 200 },
} as const;

export function pageOfSchema(item: object) {
  return {
    type: 'object',
    required: ['items', 'next_cursor'],
    properties: { items: { type: 'array', items: item }, next_cursor: { type: ['string', 'null'] } },
  } as const;
}
