import { COUNTRY_FIELDS, FLAG_FIELDS, TEXT_FIELDS } from '../core/customers.ts';

// The customer's fields on the admin wire, built from the core's lists so that a field added there appears here.

const nullableText = { type: ['string', 'null'] } as const;

const fieldProperties = {
  ...Object.fromEntries([...TEXT_FIELDS, ...COUNTRY_FIELDS].map((f) => [f, nullableText])),
  gender: { type: ['string', 'null'], description: 'm, f or x' },
  birthday: { type: ['string', 'null'], description: 'yyyy-mm-dd' },
  ...Object.fromEntries(FLAG_FIELDS.map((f) => [f, { type: 'boolean' }])),
};

/** A body that creates (name and surname required) or changes (any field) a customer. */
export const customerInput = (required: readonly string[]) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties: fieldProperties,
});

export const documentSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    doc_type: { type: 'string' },
    doc_country: { type: 'string' },
    doc_number: { type: 'string' },
    doc_issuer: nullableText,
    doc_issue: { type: 'string' },
    doc_expiry: { type: 'string' },
    doc_medium: nullableText,
  },
} as const;

export const customerSchema = {
  type: 'object',
  required: ['id', 'name', 'surname', 'created_at', 'updated_at'],
  properties: {
    id: { type: 'integer' },
    ...fieldProperties,
    created_at: { type: 'string' },
    updated_at: { type: 'string' },
  },
};

export const customerWithDocuments = {
  ...customerSchema,
  required: [...customerSchema.required, 'documents'],
  properties: { ...customerSchema.properties, documents: { type: 'array', items: documentSchema } },
};
