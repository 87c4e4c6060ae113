import assert from 'node:assert/strict';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * An admin API client that checks every reply against the served OpenAPI document: the schema of the operation
 * for the reply's status must accept the body. Every test of the admin API is thereby a contract test, and the
 * document cannot drift from the code. `used` records the operations driven, so a test can require all of them.
 */
export interface AdminClient {
  call<T = any>(
    method: string,
    template: string,
    options?: {
      params?: Record<string, string | number>;
      query?: Record<string, string>;
      body?: unknown;
      token?: string | null;
    },
  ): Promise<{ status: number; body: T; headers: Headers }>;
  operations: string[];
  used: Set<string>;
}

type OpenApi = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

export async function adminClient(base: string, token: string): Promise<AdminClient> {
  const doc = (await (await fetch(`${base}/openapi/admin.json`)).json()) as OpenApi;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(doc, 'openapi');
  const validators = new Map<string, ValidateFunction>();
  const used = new Set<string>();
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => `${method} ${path}`),
  );

  function validator(op: string, path: string, method: string, status: number): ValidateFunction | null {
    const key = `${op} ${status}`;
    let v = validators.get(key);
    if (!v) {
      const response = doc.paths[path]?.[method]?.responses[String(status)] as
        { content?: Record<string, unknown> } | undefined;
      assert.ok(response, `${op} has no response ${status} in the document`);
      if (!response.content) return null;
      const media = Object.keys(response.content)[0]!;
      const pointer = ['paths', path, method, 'responses', String(status), 'content', media, 'schema']
        .map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1'))
        .join('/');
      v = ajv.compile({ $ref: `openapi#/${pointer}` });
      validators.set(key, v);
    }
    return v;
  }

  return {
    operations,
    used,
    async call(method, template, { params = {}, query, body, token: given } = {}) {
      const path = `/admin/v1${template}`;
      const lower = method.toLowerCase();
      const op = `${lower} ${path}`;
      assert.ok(doc.paths[path]?.[lower], `${op} is not in the document`);
      used.add(op);
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
      const qs = query ? `?${new URLSearchParams(query)}` : '';
      const auth = given === null ? undefined : (given ?? token);
      const response = await fetch(`${base}${url}${qs}`, {
        method,
        headers: {
          ...(auth === undefined ? {} : { authorization: `Bearer ${auth}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      const parsed = text === '' ? undefined : JSON.parse(text);
      const validate = validator(op, path, lower, response.status);
      if (validate && !validate(parsed)) {
        assert.fail(
          `${op} ${response.status}: reply does not match the document: ${ajv.errorsText(validate.errors)}\n${text}`,
        );
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
  };
}
