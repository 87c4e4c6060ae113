/**
 * The JSON schema of `fetch_one`'s reply as `renderCustomer` writes it, for the serialiser Fastify compiles from a
 * route's response schema (see reservation-schema.ts): every field of a customer and of a document is text or
 * null. The reply is built for every `fetch_one`, the dialect's hottest read. A property missing here would be
 * dropped from the reply, which test/dialects/zak/customer-schema.test.ts guards against.
 */
const nullableText = { type: ['string', 'null'] } as const;
const object = (properties: Record<string, unknown>) => ({ type: 'object', properties }) as const;
const texts = (...names: string[]) => object(Object.fromEntries(names.map((n) => [n, nullableText])));

const customerSchema = object({
  main_info: texts(
    'name',
    'surname',
    'country',
    'city',
    'zipcode',
    'cf',
    'creation',
    'address',
    'residence_country',
  ),
  anagraphical: texts('gender', 'birth_country', 'birth_city', 'birthday'),
  contacts: texts('email', 'phone'),
  billing_info: texts('address', 'city', 'zip', 'country', 'name', 'vat_number'),
  doc_data: {
    type: 'array',
    items: texts(
      'doc_type',
      'doc_country',
      'doc_number',
      'doc_issuer',
      'doc_issue',
      'doc_expiry',
      'doc_medium',
    ),
  },
});

/** `{"data": {...}}`: fetch_one. */
export const customerReply = object({ data: customerSchema });
