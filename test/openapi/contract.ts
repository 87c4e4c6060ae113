import assert from 'node:assert/strict';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';

/**
 * Drives a vendor dialect's OpenAPI document against a running server (docs/openapi.md, "Contract tests"). A
 * request example named N is the body example N of one media type plus every parameter's example N; its reply
 * is described by the one response example named N (status and media type). Each reply is validated against
 * the document's schema for its status and media type; an error reply must also equal its example.
 */

type Obj = Record<string, any>;
export type Document = Obj;

export interface Operation {
  path: string;
  method: string;
  op: Obj;
}

export interface RequestExample {
  name: string;
  /** The body's media type, when the example has a body. */
  media?: string;
  body?: Record<string, unknown>;
  query: Record<string, string>;
}

export interface Reply {
  status: number;
  media: string;
  text: string;
  body: unknown;
}

const pointer = (parts: string[]) =>
  parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

export const operations = (doc: Document): Operation[] =>
  Object.entries(doc.paths as Obj).flatMap(([path, item]) =>
    Object.entries(item as Obj).map(([method, op]) => ({ path, method, op: op as Obj })),
  );

/** Every request example of an operation, in the order the document writes them. */
export function requestExamples(op: Obj): RequestExample[] {
  const names = new Set<string>();
  const bodies = new Map<string, { media: string; value: Record<string, unknown> }>();
  for (const [media, content] of Object.entries((op.requestBody?.content ?? {}) as Obj)) {
    for (const [name, example] of Object.entries((content.examples ?? {}) as Obj)) {
      assert.ok(!bodies.has(name), `${op.operationId}: example ${name} in two media types`);
      bodies.set(name, { media, value: example.value });
      names.add(name);
    }
  }
  const params = (op.parameters ?? []) as Obj[];
  for (const p of params) for (const name of Object.keys(p.examples ?? {})) names.add(name);
  return [...names].map((name) => {
    const query: Record<string, string> = {};
    for (const p of params) {
      if (p.in === 'query' && p.examples?.[name]) query[p.name] = String(p.examples[name].value);
    }
    const body = bodies.get(name);
    return { name, media: body?.media, body: body?.value, query };
  });
}

/** The response example named `name`: its status, media type and value. */
export function expectedReply(op: Obj, name: string): { status: number; media: string; value: unknown } {
  const found = [];
  for (const [status, response] of Object.entries(op.responses as Obj)) {
    for (const [media, content] of Object.entries((response.content ?? {}) as Obj)) {
      const example = content.examples?.[name];
      if (example) found.push({ status: Number(status), media, value: example.value });
    }
  }
  assert.equal(found.length, 1, `${op.operationId}: request example ${name} needs exactly one reply example`);
  return found[0]!;
}

/** Ajv over the whole document, so that `$ref`s to components resolve. */
export function contractValidator(doc: Document) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(doc, 'openapi');
  const cache = new Map<string, ValidateFunction>();
  const compile = (parts: string[]) => {
    const key = pointer(parts);
    let v = cache.get(key);
    if (!v) {
      v = ajv.compile({ $ref: `openapi#/${key}` });
      cache.set(key, v);
    }
    return v;
  };
  const check = (parts: string[], value: unknown, what: string) => {
    const validate = compile(parts);
    if (!validate(value)) {
      assert.fail(
        `${what} does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value)}`,
      );
    }
  };
  return {
    /** The reply's body against the schema of its operation, status and media type. */
    reply(o: Operation, status: number, media: string, body: unknown, what: string) {
      const response = resolve(doc, o.op.responses[String(status)]);
      assert.ok(response, `${what}: status ${status} is not in the document`);
      assert.ok(response.content?.[media], `${what}: ${media} is not a media type of status ${status}`);
      const base = o.op.responses[String(status)].$ref
        ? [...o.op.responses[String(status)].$ref.slice(2).split('/')]
        : ['paths', o.path, o.method, 'responses', String(status)];
      check([...base, 'content', media, 'schema'], body, what);
    },
    /** A request example's body, and each JSON-in-a-field value against its `contentSchema`. */
    request(o: Operation, media: string, body: Record<string, unknown>, what: string) {
      const base = ['paths', o.path, o.method, 'requestBody', 'content', media, 'schema'];
      check(base, body, what);
      const properties = (o.op.requestBody.content[media].schema.properties ?? {}) as Obj;
      for (const [name, schema] of Object.entries(properties)) {
        const value = body[name];
        if (schema.contentSchema && typeof value === 'string') {
          check([...base, 'properties', name, 'contentSchema'], JSON.parse(value), `${what} ${name}`);
        }
      }
    },
  };
}

function resolve(doc: Document, node: Obj | undefined): Obj | undefined {
  if (!node?.$ref) return node;
  return (node.$ref as string)
    .slice(2)
    .split('/')
    .reduce((at: Obj | undefined, part) => at?.[part.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
}

/** Sends a request example as a client would: the body in its media type, the query string, the headers. */
export async function send(
  base: string,
  o: Operation,
  example: RequestExample,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const qs = new URLSearchParams(example.query).toString();
  const url = `${base}${o.path}${qs ? `?${qs}` : ''}`;
  let body: string | URLSearchParams | FormData | undefined;
  const sent: Record<string, string> = { ...headers };
  const fields = Object.entries(example.body ?? {});
  const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  if (example.media === 'application/json') {
    body = JSON.stringify(example.body);
    sent['content-type'] = 'application/json';
  } else if (example.media === 'multipart/form-data') {
    const form = new FormData();
    for (const [name, value] of fields) form.append(name, asText(value));
    body = form;
  } else if (example.media) {
    body = new URLSearchParams(fields.map(([name, value]) => [name, asText(value)]));
  }
  const response = await fetch(url, { method: o.method.toUpperCase(), headers: sent, body });
  const text = await response.text();
  const media = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  return {
    status: response.status,
    media,
    text,
    body: media === 'application/json' ? JSON.parse(text) : text,
  };
}

/** Element names that hold lists in the document's XML schemas (`customers` → `customer`). */
export function xmlLists(doc: Document): Map<string, string> {
  const lists = new Map<string, string>();
  const walk = (node: unknown, name?: string) => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n));
    if (!node || typeof node !== 'object') return;
    const n = node as Obj;
    if (name && n.type === 'array' && n.xml?.wrapped && n.items?.xml?.name) lists.set(name, n.items.xml.name);
    for (const [key, value] of Object.entries(n)) {
      if (key === 'properties') for (const [p, s] of Object.entries(value as Obj)) walk(s, p);
      else walk(value);
    }
  };
  walk(doc);
  return lists;
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, ignoreDeclaration: true });

/** An XML reply as the tree its schema describes: `<root>`'s children, lists as arrays, empty elements as ''. */
export function readXml(text: string, lists: Map<string, string>): unknown {
  const parsed = parser.parse(text, true) as Obj;
  assert.deepEqual(Object.keys(parsed), ['root'], 'an XML reply is one <root> element');
  const tree = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node as Obj).map(([key, value]) => {
        const item = lists.get(key);
        if (!item) return [key, tree(value)];
        if (value === '') return [key, []];
        const items = (value as Obj)[item];
        return [key, (Array.isArray(items) ? items : [items]).map(tree)];
      }),
    );
  };
  return tree(parsed.root);
}

export interface DriveOptions {
  /** What a client adds to every request: its key (header, query or body), which examples leave out. */
  authorize(example: RequestExample): { example: RequestExample; headers?: Record<string, string> };
  /** Whether a reply must equal its example (a failure's message is part of the contract). */
  exact(status: number, body: unknown): boolean;
  /** Whether the call did what was asked; its request example must then match the request schema. */
  succeeded(status: number, body: unknown): boolean;
}

/** Drives every request example of the document, in its order, and checks each reply against the document. */
export async function driveDocument(base: string, doc: Document, options: DriveOptions): Promise<number> {
  const check = contractValidator(doc);
  const lists = xmlLists(doc);
  let driven = 0;
  for (const o of operations(doc)) {
    const examples = requestExamples(o.op);
    assert.ok(examples.length > 0, `${o.op.operationId} has no request example`);
    for (const example of examples) {
      const what = `${o.op.operationId} example ${example.name}`;
      const expected = expectedReply(o.op, example.name);
      const { example: sent, headers } = options.authorize(example);
      const reply = await send(base, o, sent, headers);
      assert.equal(reply.status, expected.status, `${what}: status\n${reply.text}`);
      assert.equal(reply.media, expected.media, `${what}: media type`);
      const body = reply.media === 'text/xml' ? readXml(reply.text, lists) : reply.body;
      check.reply(o, reply.status, reply.media, body, what);
      const value = reply.media === 'text/xml' ? readXml(String(expected.value), lists) : expected.value;
      if (options.exact(reply.status, body)) assert.deepEqual(body, value, `${what}: the reply's body`);
      if (options.succeeded(reply.status, body) && example.media && example.body) {
        check.request(o, example.media, example.body, `${what} request`);
      }
      driven++;
    }
  }
  return driven;
}
