import { IDEMPOTENCY_KEY_PARAMETER, input, ref, type Example, type Schema } from '../kit.ts';
import { SEED_LIST_XML, VIRTPOS_EXAMPLES, type VirtposExample } from './examples.ts';
import {
  DELETE_CARD_PARAMS,
  FORMAT,
  INSERT_CARD_PARAMS,
  LIST_PARAMS,
  UPDATE_CARD_PARAMS,
  UPDATE_PARAMS,
  type Param,
} from './params.ts';
import { VIRTPOS_SCHEMAS } from './schemas.ts';

/**
 * The virtpos customer API (docs/virtpos.md) as an OpenAPI document: every call by GET (all parameters in the
 * query string) and by POST (the "get only" ones in the query string, the others in a form body). Replies are
 * XML unless `format=json`; a failure is HTTP 200 with `success` 0 and a Russian `info`.
 */

interface Call {
  path: string;
  name: string;
  summary: string;
  description: string;
  params: Param[];
  reply: string;
}

const CALLS: Call[] = [
  {
    path: '/api/customer',
    name: 'customers',
    summary: 'List or find customers',
    description:
      'With `page` or `page_size`, one page; otherwise every matching customer, streamed. Filters combine with ' +
      'AND; a filter that matches nothing is `count` 0, not an error.',
    params: LIST_PARAMS,
    reply: 'CustomerList',
  },
  {
    path: '/api/customer/update',
    name: 'update',
    summary: 'Update a customer, or create it',
    description:
      'By `id`, else by `external_id`; with `create_if_not_exist`, a customer not found is created (`fname` ' +
      'and `lname` required). `isnew` is 1 when created.',
    params: UPDATE_PARAMS,
    reply: 'Written',
  },
  {
    path: '/api/customer/insertCard',
    name: 'insertCard',
    summary: 'Create a discount card',
    description: 'A card holding the same uid, external id or barcode is an error. `uid` is required.',
    params: INSERT_CARD_PARAMS,
    reply: 'Written',
  },
  {
    path: '/api/customer/updateCard',
    name: 'updateCard',
    summary: 'Update a discount card, or create it',
    description: 'Found by `card_id`, then `uid`, then `external_id`, then `card_barcode`.',
    params: UPDATE_CARD_PARAMS,
    reply: 'Written',
  },
  {
    path: '/api/customer/deleteCard',
    name: 'deleteCard',
    summary: 'Delete one discount card',
    description: 'Found as by updateCard; at least one key in the query string.',
    params: DELETE_CARD_PARAMS,
    reply: 'Deleted',
  },
];

const MEDIA = { xml: 'text/xml', json: 'application/json' } as const;

function parameter(p: Param, examples: Record<string, Example>): Schema {
  return {
    name: p.name,
    in: 'query',
    description: `${p.description}${p.getOnly ? ' (get only: the query string alone)' : ''}`,
    schema: p.schema ?? { type: 'string' },
    ...(Object.keys(examples).length > 0 && { examples }),
  };
}

function responses(reply: string, examples: VirtposExample[]): Schema {
  const content = (status: number) =>
    Object.fromEntries(
      (['xml', 'json'] as const).map((format) => {
        const named = examples.filter((e) => e.status === status && e.format === format);
        const suffix = format === 'xml' ? 'Xml' : '';
        const schema =
          status === 200
            ? { oneOf: [ref(reply + suffix), ref(`Failure${suffix}`)] }
            : ref(`Failure${suffix}`);
        return [
          MEDIA[format],
          {
            schema,
            ...(named.length > 0 && {
              examples: Object.fromEntries(
                named.map((e) => [e.name, { summary: e.summary, value: e.reply }]),
              ),
            }),
          },
        ];
      }),
    );
  return {
    200: { description: 'The call’s reply, or a failure: `success` 0 and `info`.', content: content(200) },
    500: { description: 'An internal failure (`Внутренняя ошибка сервера`), logged.', content: content(500) },
    503: {
      description: 'The store cannot serve the call for now; nothing was written, a retry can succeed.',
      content: content(503),
    },
  };
}

function operation(call: Call, method: 'get' | 'post'): Schema {
  const examples = VIRTPOS_EXAMPLES[call.name]?.filter((e) => e.method === method) ?? [];
  const inQuery = method === 'get' ? call.params : call.params.filter((p) => p.getOnly);
  const inBody = method === 'get' ? [] : call.params.filter((p) => !p.getOnly);
  const exampleOf = (name: string) =>
    Object.fromEntries(
      examples
        .filter((e) => e.query[name] !== undefined)
        .map((e) => [e.name, { summary: e.summary, value: e.query[name] }]),
    );
  for (const e of examples) {
    for (const name of Object.keys(e.query)) {
      if (name !== 'format' && !inQuery.some((p) => p.name === name)) {
        throw new Error(`virtpos ${call.name} ${method}: ${name} is not a query parameter`);
      }
    }
  }
  const form = input(
    Object.fromEntries(
      inBody.map((p) => [p.name, { ...(p.schema ?? { type: 'string' }), description: p.description }]),
    ),
  );
  const bodyExamples = (media: 'form' | 'multipart') =>
    Object.fromEntries(
      examples
        .filter((e) => e.body && (e.media ?? 'form') === media)
        .map((e) => [e.name, { summary: e.summary, value: e.body }]),
    );
  const content = (media: 'form' | 'multipart') => {
    const named = bodyExamples(media);
    return { schema: form, ...(Object.keys(named).length > 0 && { examples: named }) };
  };
  return {
    operationId: method === 'get' ? call.name : `${call.name}Post`,
    tags: [call.name],
    summary: `${call.summary}${method === 'post' ? ' (POST, form body)' : ''}`,
    description: call.description,
    parameters: [
      ...[FORMAT, ...inQuery].map((p) => parameter(p, exampleOf(p.name))),
      // Every call but the listing writes.
      ...(call.path === '/api/customer' ? [] : [IDEMPOTENCY_KEY_PARAMETER]),
    ],
    ...(method === 'post' && {
      requestBody: {
        content: {
          'application/x-www-form-urlencoded': content('form'),
          'multipart/form-data': content('multipart'),
        },
      },
    }),
    responses: responses(call.reply, examples),
  };
}

const DESCRIPTION = `The virtpos customers and discount cards API as Clientele serves it (docs/virtpos.md).

- **Auth**: the tenant's API key as \`apikey\`, in the query string or a form body.
- **Parameters**: every call by GET or POST. Those the vendor marks "get only" are read from the query string
  alone; the others come in the query string or a form body (\`application/x-www-form-urlencoded\` or
  \`multipart/form-data\`), the body winning. The method segment is case-insensitive.
- **Replies**: XML (\`text/xml\`, the default) or JSON (\`format=json\`), the same tree. A failure is **HTTP 200**
  with \`success\` 0 and a Russian \`info\`; only a path that names no call (404, \`Неизвестный метод API\`), an HTTP
  method the call does not serve (405 with \`Allow\`, \`Метод HTTP не поддерживается\`: only GET and POST are
  described here), a store unavailable for now (503) and an internal error (500) change the status.

Example XML reply of the vendor's page:

\`\`\`xml
${SEED_LIST_XML}\`\`\``;

export function virtposDocument(): Schema {
  return {
    openapi: '3.1.0',
    info: { title: 'Clientele: virtpos dialect', version: '1', description: DESCRIPTION },
    servers: [{ url: '/' }],
    tags: CALLS.map((c) => ({ name: c.name })),
    security: [{ apikey: [] }],
    paths: Object.fromEntries(
      CALLS.map((call) => {
        const order = VIRTPOS_EXAMPLES[call.name]?.[0]?.method === 'post' ? ['post', 'get'] : ['get', 'post'];
        return [call.path, Object.fromEntries(order.map((m) => [m, operation(call, m as 'get' | 'post')]))];
      }),
    ),
    components: {
      schemas: VIRTPOS_SCHEMAS,
      securitySchemes: {
        apikey: {
          type: 'apiKey',
          in: 'query',
          name: 'apikey',
          description: 'The tenant’s API key; a form body may carry it instead.',
        },
      },
    },
  };
}
