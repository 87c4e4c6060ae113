import { AjvCompiler, type ValidatorFactory } from '@fastify/ajv-compiler';
import type { FastifySchemaCompiler } from 'fastify';

type Options = { customOptions?: Record<string, unknown>; plugins?: unknown[] };
type Factory = (
  externalSchemas: Record<string, unknown>,
  options?: Options,
) => FastifySchemaCompiler<unknown>;

// The package's types describe its compilers as taking a bare schema; Fastify calls them with the route's
// definition (`{ schema, method, url, httpPart }`), as its own default does.
const pool = AjvCompiler() as unknown as Factory;

/**
 * Route schemas are the admin API's. A path or a query is text, so its values are coerced to the schema's types
 * (`?limit=10`); a JSON body already has types, and coercing them read `{"offset_days": null}` as 0,
 * `{"surname": 5}` as "5" and `{"send_email": null}` as false: a body's value of the wrong type is refused, by
 * name, instead.
 */
const bodiesAsSent: Factory = (externalSchemas, options) => {
  const coercing = pool(externalSchemas, options);
  const exact = pool(externalSchemas, {
    ...options,
    customOptions: { ...options?.customOptions, coerceTypes: false },
  });
  return (route) => (route.httpPart === 'body' ? exact(route) : coercing(route));
};

export const validators = bodiesAsSent as unknown as ValidatorFactory;
