import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { netstormingServer, validCustomer, type NetstormingFixture } from './helper.ts';

/**
 * Every field rule of the spec, case by case: `[value, accepted]`. Each field's cases go out as one dry-run
 * batch (one item per case, the field overridden on a valid customer) and every line is checked.
 */
type Cases = Array<[unknown, boolean]>;

const FLAG_HINT = ' (valid values: yes, no, y, n, true, false, 1, 0)';
const HINTS: Record<string, string> = {
  customer_homepage: ' (valid values: HOME, HOTELSONLINE, BOOKINGSMANAGEMENT)',
  payment_date: ' (valid values: topay, deadline, startdate)',
};
const FLAGS = ['booking_online', 'blocked_in_deadline', 'credit_card', 'force_contextual_payment'];
const REQUIRED = [
  'code',
  'name',
  'address',
  'zip',
  'country',
  'city',
  'mailstaff',
  'notify_lang',
  'telephone',
  'fax',
  'currency',
  'booking_online',
  'blocked_in_deadline',
  'credit_card',
  'admin_user_name',
  'admin_user_email',
  'admin_user_login',
  'admin_user_psw',
];

const x = (n: number) => 'x'.repeat(n);
const email = (length: number) => `${x(length - 12)}@example.com`;

const code: Cases = [
  ['abc', true],
  ['Ab_123456789', true],
  ['ab', false],
  ['abc4567890123', false],
  ['ab-cd', false],
  ['ab cd', false],
  [123, true],
];
const emailCases: Cases = [
  ['a@b.co', true],
  [email(100), true],
  [email(101), false],
  ['not-an-email', false],
  ['a@b', false],
];
const phone: Cases = [
  ['1', true],
  ['1'.repeat(20), true],
  ['1'.repeat(21), false],
  ['+39 (041) 12-34/56', true],
  ['041 12a', false],
  ['+ -', false],
  [3331234567, true],
  // 20 digits, but past 2⁵³ a parsed number is no longer the digits sent (2⁶⁴ is sent as 18446744073709552000).
  [2 ** 64, false],
];
const flag: Cases = [
  ...[true, false, 1, 0, 'yes', 'NO', 'Y', 'n', 'True', 'FALSE', '1', '0', ' yes '].map(
    (v): [unknown, boolean] => [v, true],
  ),
  ['maybe', false],
  [2, false],
  [[true], false],
];
const markup: Cases = [
  [0, true],
  [-5, true],
  ['12', true],
  [1.5, false],
  ['1e3', false],
  ['ten', false],
];
const lengths = (min: number, max: number): Cases => [
  [x(min), true],
  [x(max), true],
  [x(max + 1), false],
  ...(min > 1 ? [[x(min - 1), false] as [unknown, boolean]] : []),
];

const RULES: Record<string, Cases> = {
  code,
  name: [...lengths(1, 100), ['😀'.repeat(100), true], ['😀'.repeat(101), false]],
  address: lengths(1, 150),
  zip: [
    ['1', true],
    ['12345678', true],
    ['123456789', false],
    ['301 00', false],
    [30100, true],
  ],
  country: [
    ['IT', true],
    ['de', true],
    ['XX', false],
    ['ITA', false],
    ['Italy', false],
  ],
  city: [
    ['VCE', true],
    ['vcei', true],
    ['R0M1', true],
    ['VC', false],
    ['VCEIX', false],
    ['V-E', false],
  ],
  mailstaff: emailCases,
  notify_lang: [
    ['it', true],
    ['EN', true],
    ['xx', false],
    ['eng', false],
  ],
  telephone: phone,
  fax: phone,
  currency: [
    ['EUR', true],
    ['usd', true],
    ['XYZ', false],
    ['EURO', false],
  ],
  booking_online: flag,
  blocked_in_deadline: flag,
  credit_card: flag,
  admin_user_name: lengths(1, 50),
  admin_user_email: emailCases,
  admin_user_login: code,
  admin_user_psw: [
    [x(6), true],
    [x(12), true],
    ['  ab  ', true],
    [x(5), false],
    [x(13), false],
  ],
  admin_user_foreign_code: lengths(1, 100),
  vat: lengths(1, 30),
  corporatename: lengths(1, 100),
  mailaccountability: emailCases,
  tax_code: lengths(1, 100),
  markuphotelsweb: markup,
  markupcarsweb: markup,
  markuptransfersweb: markup,
  markuptoursweb: markup,
  markupgenericservicesweb: markup,
  sdi_code: [
    [x(7), true],
    [x(6), false],
    [x(8), false],
  ],
  accounting: lengths(1, 20),
  mobile_phone: phone,
  pec_address: emailCases,
  force_contextual_payment: flag,
  customer_homepage: [
    ['HOME', true],
    ['bookingsmanagement', true],
    ['AWAY', false],
  ],
  emergency_number: phone,
  payment_date: [
    ['topay', true],
    ['DEADLINE', true],
    ['later', false],
  ],
  prepayment_days: [
    [0, true],
    [30, true],
    ['15', true],
    [31, false],
    [-1, false],
    [2.5, false],
  ],
};

describe('POST /api/customers/insert: field rules', () => {
  let f: NetstormingFixture;
  let serial = 0;
  before(async () => {
    f = await netstormingServer();
  });
  after(() => f.server.close());

  /** Sends one dry-run item per value of `field` and returns each line's messages. */
  async function linesFor(field: string, values: unknown[]): Promise<string[][]> {
    const items = values.map((value) => validCustomer(++serial, { [field]: value }));
    const reply = await f.insert(items, { dry_run: true });
    assert.equal(reply.status, 200);
    const byLine = new Map(reply.body.errors.map((e) => [e['line/index'], e.errors]));
    reply.body.results.forEach((r, i) => assert.equal(r.customer, !byLine.has(i + 1)));
    return values.map((_, i) => byLine.get(i + 1) ?? []);
  }

  for (const [field, cases] of Object.entries(RULES)) {
    it(`${field}: missing, invalid and the limits`, async () => {
      const required = REQUIRED.includes(field);
      const blanks: unknown[] = [undefined, null, '   '];
      const lines = await linesFor(field, [...blanks, ...cases.map(([value]) => value)]);
      blanks.forEach((_, i) =>
        assert.deepEqual(lines[i], required ? [`missing ${field}`] : [], `${field} blank #${i}`),
      );
      const hint = FLAGS.includes(field) ? FLAG_HINT : (HINTS[field] ?? '');
      cases.forEach(([value, accepted], i) =>
        assert.deepEqual(
          lines[blanks.length + i],
          accepted ? [] : [`invalid ${field}${hint}`],
          `${field} = ${JSON.stringify(value)}`,
        ),
      );
    });
  }

  it('lists the messages of an item in the order of the fields in the spec', async () => {
    const reply = await f.insert([{ vat: x(31), prepayment_days: 99, customer_homepage: 'x' }], {
      dry_run: true,
    });
    assert.deepEqual(reply.body.errors[0]?.errors, [
      ...REQUIRED.map((field) => `missing ${field}`),
      'invalid vat',
      `invalid customer_homepage${HINTS.customer_homepage}`,
      'invalid prepayment_days',
    ]);
  });
});
