import {
  IDEMPOTENCY_KEY_PARAMETER,
  input,
  jsonText,
  ref,
  strict,
  type Example,
  type Schema,
} from '../kit.ts';

/**
 * One Zak call as an OpenAPI operation. Every call is `POST` (GET with the same parameters in the query string
 * works too, as the document's description says) with its parameters in a form, a multipart form or a JSON body;
 * the reply is `{"data": …}` with 200 or `{"error": "…"}` with the status of the failure.
 */

/** A parameter as a form carries it (text) and as a JSON body may (typed values). */
export interface Field {
  form: Schema;
  json: Schema;
}

export const textField = (description: string, extra: Schema = {}): Field => ({
  form: { type: 'string', description, ...extra },
  json: { type: ['string', 'number'], description },
});

/** A positive id up to 2³¹−1, as digits in a form. */
export const idField = (description: string): Field => ({
  form: { type: 'string', pattern: '^\\s*[0-9]{1,10}\\s*$', description },
  json: { type: ['integer', 'string'], description },
});

export const dateField = (description: string): Field =>
  textField(`${description} (dd/mm/yyyy)`, { pattern: '^\\s*[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}\\s*$' });

/** A structured parameter: JSON text in a form field, the value itself (or its JSON text) in a JSON body. */
export const jsonField = (schema: Schema, description: string): Field => ({
  form: jsonText(schema, `${description}, as JSON text`),
  json: { description, anyOf: [schema, jsonText(schema, `${description}, as JSON text`)] },
});

export type Media = 'form' | 'multipart' | 'json';

const MEDIA_TYPES: Record<Media, string> = {
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data',
  json: 'application/json',
};

/**
 * A request example and the reply Clientele gives it in the contract test's world (see docs/openapi.md): the
 * request example and its reply example share the example's name.
 */
export interface CallExample {
  summary: string;
  description?: string;
  /** The parameters sent; a structured one as the JSON text a form carries, or an object in a JSON body. */
  request: Record<string, unknown>;
  media?: Media;
  status: number;
  reply: unknown;
}

export interface ZakCall {
  summary: string;
  description?: string;
  fields?: Record<string, Field>;
  required?: string[];
  /** The schema of `data` in a successful reply. */
  data: Schema;
  /** Statuses beyond those every call can answer (400, 401, 413, 415, 500, 503). */
  errors?: Array<404 | 409>;
  examples: Record<string, CallExample>;
  /** Reply examples no request example leads to in the test's world (the vendor's documented reply). */
  replies?: Record<string, Example & { status: number }>;
}

/** Statuses every call can answer, described once in components.responses. */
export const COMMON_ERRORS = [400, 401, 413, 415, 500, 503] as const;

type Examples = Record<string, Example>;

function requestBody(call: ZakCall): Schema {
  const fields = call.fields ?? {};
  const required = call.required ?? [];
  const form = input(Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.form])), required);
  const json = input(Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.json])), required);
  const examples: Record<Media, Examples> = { form: {}, multipart: {}, json: {} };
  for (const [name, e] of Object.entries(call.examples)) {
    examples[e.media ?? 'form'][name] = {
      summary: e.summary,
      ...(e.description && { description: e.description }),
      value: e.request,
    };
  }
  const content = (media: Media, schema: Schema) => ({
    schema,
    ...(Object.keys(examples[media]).length > 0 && { examples: examples[media] }),
  });
  return {
    required: required.length > 0,
    content: {
      [MEDIA_TYPES.form]: content('form', form),
      [MEDIA_TYPES.multipart]: content('multipart', form),
      [MEDIA_TYPES.json]: content('json', json),
    },
  };
}

function replyExamples(call: ZakCall): Map<number, Examples> {
  const byStatus = new Map<number, Examples>();
  const add = (status: number, name: string, example: Example) => {
    const examples = byStatus.get(status) ?? {};
    examples[name] = example;
    byStatus.set(status, examples);
  };
  for (const [name, e] of Object.entries(call.examples)) {
    add(e.status, name, { summary: e.summary, value: e.reply });
  }
  for (const [name, { status, ...example }] of Object.entries(call.replies ?? {})) add(status, name, example);
  return byStatus;
}

/** `write`: the call takes an Idempotency-Key (docs/idempotency.md). */
export function zakOperation(operationId: string, tag: string, call: ZakCall, write: boolean): Schema {
  const examples = replyExamples(call);
  const responses: Record<string, Schema> = {
    200: {
      description: '`{"data": …}`: the call succeeded.',
      content: {
        'application/json': {
          schema: strict({ data: call.data }),
          ...(examples.has(200) && { examples: examples.get(200) }),
        },
      },
    },
  };
  for (const status of [...COMMON_ERRORS, ...(call.errors ?? [])].sort()) {
    const own = examples.get(status);
    responses[status] = own
      ? {
          description: ERROR_DESCRIPTIONS[status],
          content: { 'application/json': { schema: ref('Error'), examples: own } },
        }
      : { $ref: `#/components/responses/${status}` };
  }
  for (const status of examples.keys()) {
    if (!responses[status]) throw new Error(`${operationId}: example with undocumented status ${status}`);
  }
  return {
    operationId,
    tags: [tag],
    summary: call.summary,
    ...(call.description && { description: call.description }),
    ...(write && { parameters: [IDEMPOTENCY_KEY_PARAMETER] }),
    requestBody: requestBody(call),
    responses,
  };
}

export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'A missing, malformed or invalid parameter, or a body that cannot be parsed.',
  401: 'A missing, unknown or revoked key: `{"error": "Authentication error"}`.',
  404: 'An unknown id (another tenant’s id is exactly as unknown).',
  409: 'The request conflicts with the current state (room not free, guest already checked in, room full).',
  413: 'A body over `BODY_LIMIT`: `{"error": "request body too large"}`.',
  415: 'A body that is not a form, a multipart form or JSON: `{"error": "unsupported content type"}`.',
  500: 'An internal failure, logged by the server: `{"error": "internal error"}`.',
  503: 'The store cannot serve the call for now; nothing was written: `{"error": "service unavailable, try again later"}`.',
};
