/**
 * JSON Schema (2020-12, as OpenAPI 3.1 takes it) building blocks for the vendor dialects' documents. The vendor
 * routes parse their own wire, so their documents are written by hand from these blocks and kept true by the
 * contract tests (test/openapi/): every reply schema is strict (`additionalProperties: false`, every property
 * required unless named optional), so a field the code adds or drops without the document fails a test.
 */
export type Schema = Record<string, unknown>;

/** One example: a request's fields or a reply's body. */
export interface Example {
  summary: string;
  description?: string;
  value: unknown;
}

export const text: Schema = { type: 'string' };
export const nullableText: Schema = { type: ['string', 'null'] };
export const integer: Schema = { type: 'integer' };
export const number: Schema = { type: 'number' };
export const nullSchema: Schema = { type: 'null' };

export const described = (schema: Schema, description: string): Schema => ({ ...schema, description });

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

export const listOf = (items: Schema): Schema => ({ type: 'array', items });

/** A map from keys the server chooses (ids, codes) to values of one schema. */
export const mapOf = (values: Schema, keys?: string): Schema => ({
  type: 'object',
  additionalProperties: values,
  ...(keys && { propertyNames: { pattern: keys } }),
});

/** A reply object: exactly these properties, each present unless named in `optional`. */
export function strict(properties: Record<string, Schema>, optional: string[] = []): Schema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    additionalProperties: false,
  };
}

/** A request object: unknown fields are ignored by the vendor routes, so they are allowed here too. */
export function input(properties: Record<string, Schema>, required: string[] = []): Schema {
  return { type: 'object', properties, ...(required.length > 0 && { required }) };
}

/** A form field that carries JSON text (Zak's `custdata`, `params`, `filters`, …), parsed by the route. */
export const jsonText = (schema: Schema, description: string): Schema => ({
  type: 'string',
  description,
  contentMediaType: 'application/json',
  contentSchema: schema,
});

/**
 * The strict form of a schema written for serialising (no `required`, extra properties dropped by the
 * serialiser): every object gets `additionalProperties: false` and requires its properties, except those at the
 * dotted paths in `optional` (`rooms.product_id`: array levels are not named).
 */
export function strictCopy(schema: Schema, optional: string[], at = ''): Schema {
  if (schema.type === 'array' && schema.items) {
    return { ...schema, items: strictCopy(schema.items as Schema, optional, at) };
  }
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (!properties) return schema;
  const path = (name: string) => (at ? `${at}.${name}` : name);
  const copied = Object.fromEntries(
    Object.entries(properties).map(([name, child]) => [name, strictCopy(child, optional, path(name))]),
  );
  const { type, description } = schema;
  const required = Object.keys(properties).filter((name) => !optional.includes(path(name)));
  return {
    type,
    ...(description !== undefined && { description }),
    properties: copied,
    required,
    additionalProperties: false,
  };
}

/**
 * The Idempotency-Key request header, listed on every write call of every document (docs/idempotency.md): the
 * vendor documents' writes and the admin API's.
 */
export const IDEMPOTENCY_KEY_PARAMETER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Runs the write once: a repeat of the same request with the same key within IDEMPOTENCY_TTL_HOURS gets the ' +
    'stored reply with `Idempotent-Replayed: true`; the key with another request is a 422, while the first runs ' +
    'a 409 (docs/idempotency.md).',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7e]+$' },
};
