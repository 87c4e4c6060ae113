import { ref, type Schema } from '../kit.ts';
import { customerCalls } from './customers.ts';
import { kapiCalls } from './kapi.ts';
import { COMMON_ERRORS, ERROR_DESCRIPTIONS, zakOperation, type ZakCall } from './operation.ts';
import { inventoryCalls, propertyCalls } from './property.ts';
import { reservationLineCalls } from './reservation-lines.ts';
import { reservationCalls } from './reservations.ts';
import { ZAK_SCHEMAS } from './schemas.ts';

/** The groups of calls, in the order the document lists them (and the contract test drives them). */
const GROUPS: Array<{ prefix: string; tag: string; calls: Record<string, ZakCall> }> = [
  { prefix: '/kp/customers', tag: 'customers', calls: customerCalls },
  { prefix: '/kp/reservations', tag: 'reservations', calls: reservationCalls },
  { prefix: '/kp/reservations', tag: 'meals, extras, door codes', calls: reservationLineCalls },
  { prefix: '/kp/property', tag: 'property', calls: propertyCalls },
  { prefix: '/kp/inventory', tag: 'inventory', calls: inventoryCalls },
  { prefix: '/kapi', tag: 'kapi', calls: kapiCalls },
];

const DESCRIPTION = `The Zak (WuBook) property API as Clientele serves it: customers, reservations, the property's
inventory and the older \`/kapi/\` tree. Reference and decisions: docs/zak.md and docs/zak-reservations.md.

- **Auth**: the tenant's key in the \`x-api-key\` header, or HTTP Basic with the key as user name (the password
  is ignored). The key selects the tenant; another tenant's id is exactly a missing one.
- **Parameters**: a form body (\`application/x-www-form-urlencoded\` or \`multipart/form-data\`), the query string,
  or a JSON body; the body wins over the query string. Structured parameters (\`custdata\`, \`params\`,
  \`filters\`, …) are JSON text in a form field, or plain values in a JSON body. Every call answers GET with the
  same parameters in the query string too; POST is the documented method.
- **Replies**: \`{"data": …}\` with 200, or \`{"error": "…"}\` with the failure's status. A method a call does not
  serve (only GET and POST are described here; HEAD answers a read) is 405 \`method not allowed\` with \`Allow\`; a
  path under \`/kp/\` or \`/kapi/\` that names no call is 404 \`Wrong api name: …\`, after the key is checked.`;

function paths(): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const { prefix, tag, calls } of GROUPS) {
    for (const [name, call] of Object.entries(calls)) {
      const path = `${prefix}/${name}`;
      const operationId = `${prefix.split('/').pop()}_${name.replace('/', '_')}`;
      // Zak's reads are named fetch_… and get_… (and `/kapi/test`); every other call writes.
      const last = name.split('/').pop() ?? name;
      const write = !(last.startsWith('fetch_') || last.startsWith('get_') || last === 'test');
      out[path] = { post: zakOperation(operationId, tag, call, write) };
    }
  }
  return out;
}

const errorResponses = Object.fromEntries(
  [...COMMON_ERRORS, 404, 409].map((status) => [
    status,
    { description: ERROR_DESCRIPTIONS[status], content: { 'application/json': { schema: ref('Error') } } },
  ]),
);

export function zakDocument(): Schema {
  return {
    openapi: '3.1.0',
    info: { title: 'Clientele: Zak dialect', version: '1', description: DESCRIPTION },
    servers: [{ url: '/' }],
    tags: GROUPS.map(({ tag }) => ({ name: tag })),
    security: [{ apiKey: [] }, { basic: [] }],
    paths: paths(),
    components: {
      schemas: ZAK_SCHEMAS,
      responses: errorResponses,
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        basic: {
          type: 'http',
          scheme: 'basic',
          description: 'The key as user name; the password is ignored.',
        },
      },
    },
  };
}
