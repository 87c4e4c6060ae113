import { IDEMPOTENCY_KEY_PARAMETER, ref, type Example, type Schema } from '../kit.ts';
import { NETSTORMING_SCHEMAS } from './schemas.ts';

/**
 * The Netstorming customers API (docs/netstorming.md) as an OpenAPI document. The request and reply examples of
 * a call share their names; the contract test (test/openapi/netstorming.test.ts) runs them in this order on a
 * tenant with the owner `netstorming`, sending its own key in place of the vendor's placeholder.
 */

/** The vendor's placeholder key, as its example writes it. */
export const SEED_KEY = 'Loremipsumdolorsitametconsecteturadipiscingelitlaoreet';

interface CallExample {
  summary: string;
  request: Record<string, unknown>;
  status: number;
  reply: unknown;
}

interface NetstormingCall {
  summary: string;
  description: string;
  request: string;
  reply: string;
  examples: Record<string, CallExample>;
}

const STATUSES: Record<number, string> = {
  400: 'A malformed body or request-level field: one message in a `line/index` 0 entry, nothing written.',
  401: '`missing key` or `invalid key` (unknown or revoked).',
  403: '`invalid owner_code`: no such owner in the key’s tenant (another tenant’s owner is exactly as unknown).',
  413: '`request body too large` (over `BULK_BODY_LIMIT`).',
  500: '`internal error`, logged by the server.',
  503: '`service unavailable, try again later`: the store cannot serve the call for now; nothing was written.',
};

const base = { key: SEED_KEY, owner_code: 'netstorming' };
const line0 = (message: string) => [{ 'line/index': 0, errors: [message] }];

/** The seed's item, with exactly the faults its example reply reports. */
const SEED_ITEM = {
  code: 'test0123',
  name: 'Agenzia Rossi',
  zip: '30100',
  country: 'IT',
  city: 'VCEI',
  mailstaff: 'info@rossi.example',
  notify_lang: 'xx',
  telephone: '041 123456',
  fax: '041 654321',
  currency: 'EUR',
  booking_online: 'maybe',
  blocked_in_deadline: 'no',
  credit_card: true,
  admin_user_name: 'Mario Rossi',
  admin_user_email: 'mario@rossi.example',
  admin_user_login: 'admin',
  admin_user_psw: 'secret12',
};
const VALID_ITEM = { ...SEED_ITEM, address: 'Via Roma 1', notify_lang: 'it', booking_online: 'yes' };

const CALLS: Record<string, NetstormingCall> = {
  insert: {
    summary: 'Insert customers (travel agencies, each with its admin user)',
    description:
      'Every item is checked against the field rules; an item with any fault writes nothing and gets one ' +
      '`errors` entry with its 1-based `line/index` and all its messages, in the table’s order. `dry_run` checks ' +
      'everything (uniqueness included) and writes nothing.',
    request: 'InsertRequest',
    reply: 'InsertReply',
    examples: {
      seed: {
        summary: 'The vendor’s example: a dry run of an item without address, with a bad language and flag',
        request: { ...base, dry_run: true, customers: [SEED_ITEM] },
        status: 200,
        reply: {
          dry_run: true,
          results: [{ code: 'test0123', customer: false, user: false }],
          errors: [
            {
              'line/index': 1,
              errors: [
                'missing address',
                'invalid notify_lang',
                'invalid booking_online (valid values: yes, no, y, n, true, false, 1, 0)',
              ],
            },
          ],
        },
      },
      create: {
        summary: 'The same item, corrected, written',
        request: { ...base, customers: [VALID_ITEM] },
        status: 200,
        reply: { dry_run: false, results: [{ code: 'test0123', customer: true, user: true }], errors: [] },
      },
      badKey: {
        summary: 'A key that is not the tenant’s',
        request: { ...base, key: 'ck_unknown', customers: [VALID_ITEM] },
        status: 401,
        reply: { dry_run: false, results: [], errors: line0('invalid key') },
      },
      badOwner: {
        summary: 'An owner the tenant does not have',
        request: { ...base, owner_code: 'nobody', customers: [VALID_ITEM] },
        status: 403,
        reply: { dry_run: false, results: [], errors: line0('invalid owner_code') },
      },
      empty: {
        summary: 'An empty list',
        request: { ...base, customers: [] },
        status: 400,
        reply: { dry_run: false, results: [], errors: line0('invalid customers (empty list)') },
      },
    },
  },
  setForeignCode: {
    summary: 'Set the foreign code of a customer’s user',
    description:
      '`{"success": true}`, or `{"success": false, "errors": [...]}` (HTTP 200 for the item’s faults).',
    request: 'ForeignCodeRequest',
    reply: 'ForeignCodeReply',
    examples: {
      set: {
        summary: 'User admin of customer test0123',
        request: { ...base, code: 'test0123', user_login: 'admin', foreign_code: 'EXT-42' },
        status: 200,
        reply: { success: true },
      },
      unknownUser: {
        summary: 'A user the customer does not have',
        request: { ...base, code: 'test0123', user_login: 'nobody', foreign_code: 'EXT-42' },
        status: 200,
        reply: { success: false, errors: ['invalid user_login'] },
      },
    },
  },
  disable: {
    summary: 'Disable customers, by code or by a user’s foreign code',
    description:
      '`results` maps each given code or foreign code to `true` (set) or `false` (not found in this owner).',
    request: 'ToggleRequest',
    reply: 'ToggleReply',
    examples: {
      both: {
        summary: 'One by code, one by foreign code',
        request: { ...base, customers: [{ code: 'test0123' }, { foreign_code: 'EXT-42' }] },
        status: 200,
        reply: { results: { test0123: true, 'EXT-42': true }, errors: [] },
      },
    },
  },
  enable: {
    summary: 'Enable customers, by code or by a user’s foreign code',
    description: 'As `disable`.',
    request: 'ToggleRequest',
    reply: 'ToggleReply',
    examples: {
      oneUnknown: {
        summary: 'A known code and an unknown one',
        request: { ...base, customers: [{ code: 'test0123' }, { code: 'nope99' }] },
        status: 200,
        reply: {
          results: { test0123: true, nope99: false },
          errors: [{ 'line/index': 2, errors: ['invalid code (not found)'] }],
        },
      },
    },
  },
};

function operation(name: string, call: NetstormingCall): Schema {
  const named = (status: number) =>
    Object.fromEntries(
      Object.entries(call.examples)
        .filter(([, e]) => e.status === status)
        .map(([n, e]): [string, Example] => [n, { summary: e.summary, value: e.reply }]),
    );
  const response = (status: number, description: string) => {
    const examples = named(status);
    return {
      description,
      content: {
        'application/json': {
          schema: ref(call.reply),
          ...(Object.keys(examples).length > 0 && { examples }),
        },
      },
    };
  };
  return {
    operationId: name,
    summary: call.summary,
    description: call.description,
    // Every Netstorming call writes.
    parameters: [IDEMPOTENCY_KEY_PARAMETER],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: ref(call.request),
          examples: Object.fromEntries(
            Object.entries(call.examples).map(([n, e]) => [n, { summary: e.summary, value: e.request }]),
          ),
        },
      },
    },
    responses: {
      200: response(200, 'The call ran: per-item results and errors.'),
      ...Object.fromEntries(Object.entries(STATUSES).map(([s, d]) => [s, response(Number(s), d)])),
    },
  };
}

const DESCRIPTION = `Netstorming's customers API as Clientele serves it (docs/netstorming.md): tour operators load
B2B customers (travel agencies, each with its admin user), enable and disable them, and set users' foreign codes.

- **Auth**: the tenant's API key in the body's \`key\`; \`owner_code\` names the owner (a tour operator's
  sub-account, created with \`clientele owner create\`).
- **Requests**: \`POST\` with a JSON body, whatever its \`Content-Type\` (\`curl -d\` sends a form type).
- **Replies**: per-item \`results\` and \`errors\` with 200; a request-level failure ends the request with one message
  in a \`line/index\` 0 entry (\`setForeignCode\`: in \`errors\`) and the status of the failure. Any method but
  POST is 405 \`method not allowed\` with \`Allow: POST\`, in the call's failure shape; a path under
  \`/api/customers\` that names no call is 404 \`unknown call: …\` in the insert failure shape.`;

export function netstormingDocument(): Schema {
  return {
    openapi: '3.1.0',
    info: { title: 'Clientele: Netstorming dialect', version: '1', description: DESCRIPTION },
    servers: [{ url: '/' }],
    paths: Object.fromEntries(
      Object.entries(CALLS).map(([name, call]) => [
        `/api/customers/${name}`,
        { post: operation(name, call) },
      ]),
    ),
    components: { schemas: NETSTORMING_SCHEMAS },
  };
}
