import { described, integer, listOf, nullableText, strict, text, type Schema } from '../kit.ts';

/**
 * The virtpos replies (docs/virtpos.md). Each is written once as JSON; its XML form (`…Xml`) is derived: the same
 * tree under `<root>`, lists as repeated item elements, and every value text (an empty element for null).
 */

const flag = { enum: ['0', '1'] };
const digits = { type: ['string', 'null'], pattern: '^[0-9]+$' };
const amount = { type: 'string', pattern: '^[0-9]+(\\.[0-9]{2})?$' };
const stamp = described(nullableText, 'YYYY-MM-DD HH:MM:SS, UTC');

const Card = strict({
  id: integer,
  external_id: nullableText,
  uid: nullableText,
  uid_ean13: nullableText,
  barcode: nullableText,
  medium: described(text, 'PLASTIC, MAGNET or APP'),
  status: described(text, 'NEW, ACTIVE or BLOCKED'),
  block_date: described(nullableText, 'YYYY-MM-DD'),
  activate_date: described(nullableText, 'YYYY-MM-DD'),
  type_id: digits,
  type_name: nullableText,
  customer_id: digits,
  created_date: stamp,
  last_update_date: stamp,
});

const Customer = strict(
  {
    id: integer,
    fname: nullableText,
    lname: nullableText,
    mname: nullableText,
    age: described(digits, 'full years, from the birth date'),
    email: nullableText,
    phone: nullableText,
    gender: { enum: ['M', 'F', 'X', null] },
    custom_information: nullableText,
    birth_day: digits,
    birth_month: digits,
    birth_year: digits,
    register_date: stamp,
    accumulated_sales: amount,
    send_push: flag,
    send_email: flag,
    send_sms: flag,
    group_id: digits,
    group_name: nullableText,
    created_date: stamp,
    created_by: described(digits, 'the id of the API key that created the customer'),
    last_update_date: stamp,
    last_update_by: digits,
    external_id: nullableText,
    cards: {
      ...listOf({ $ref: '#/components/schemas/Card', xml: { name: 'card' } }),
      xml: { wrapped: true },
    },
    bonuses: strict({ balance: amount }),
  },
  ['cards', 'bonuses'],
);

const root = (schema: Schema): Schema => ({ ...schema, xml: { name: 'root' } });

const CustomerList = root(
  strict({
    success: { const: 1 },
    type: { const: 'customer' },
    count: described(integer, 'customers in this reply'),
    customers: {
      ...listOf({ $ref: '#/components/schemas/Customer', xml: { name: 'customer' } }),
      xml: { wrapped: true },
    },
  }),
);

const Written = root(
  strict({ success: { const: 1 }, id: integer, isnew: described({ enum: [0, 1] }, '1 when created') }),
);
const Deleted = root(strict({ success: { const: 1 }, id: described(integer, 'the deleted card') }));
const Failure = root(strict({ success: { const: 0 }, info: described(text, 'what went wrong, in Russian') }));

const JSON_SCHEMAS: Record<string, Schema> = { Card, Customer, CustomerList, Written, Deleted, Failure };

/** A reply schema's XML form: the same structure, every value an element's text. */
export function xmlForm(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(xmlForm);
  if (!schema || typeof schema !== 'object') return schema;
  const s = schema as Schema;
  if (typeof s.$ref === 'string') return { ...s, $ref: `${s.$ref}Xml` };
  if (s.properties || s.items || s.oneOf) {
    return Object.fromEntries(
      Object.entries(s).map(([key, value]) => {
        if (key === 'properties') {
          const props = Object.entries(value as Schema).map(([name, p]) => [name, xmlForm(p)]);
          return [key, Object.fromEntries(props)];
        }
        return [key, key === 'items' || key === 'oneOf' ? xmlForm(value) : value];
      }),
    );
  }
  return leaf(s);
}

function leaf(s: Schema): Schema {
  const out: Schema = s.description ? { description: s.description } : {};
  if (s.const !== undefined) return { ...out, const: String(s.const) };
  if (Array.isArray(s.enum)) return { ...out, enum: s.enum.map((v) => (v === null ? '' : String(v))) };
  const types = [s.type].flat();
  if (types.includes('integer')) return { ...out, type: 'string', pattern: '^[0-9]+$' };
  // An empty element stands for null.
  const empty = types.includes('null') ? '|^$' : '';
  return {
    ...out,
    type: 'string',
    ...(typeof s.pattern === 'string' && { pattern: `${s.pattern}${empty}` }),
  };
}

export const VIRTPOS_SCHEMAS: Record<string, Schema> = {
  ...JSON_SCHEMAS,
  ...Object.fromEntries(
    Object.entries(JSON_SCHEMAS).map(([name, s]) => [`${name}Xml`, xmlForm(s) as Schema]),
  ),
};
