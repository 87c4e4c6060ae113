import type { CustomerExport } from '../core/guest-data.ts';
import { fromCents } from '../core/money.ts';
import { customerWithDocuments } from './customer-schemas.ts';
import { cardSchema, renderCard } from './routes/cards.ts';
import { renderCustomer } from './routes/customers.ts';
import { renderReservation, reservationSchema } from './routes/reservations.ts';
import { entrySchema } from './routes/sandbox-journal.ts';

/**
 * A data subject's export, one document for both ways of asking (`GET …/customers/{id}/export` and `clientele
 * customer export`): the customer with every field held about them (beside the admin API's customer: their
 * accumulated sales, bonus balance, group, and the API keys that made and last changed them), their documents
 * decrypted, reservations, cards, journal entries and events. Only the lookup keys (lower-cased copies of the name,
 * e-mail and phone digits, kept for the indexes) and the tenant are left out: they hold nothing the fields do not.
 */
const exportedCustomer = {
  ...customerWithDocuments,
  required: [
    ...customerWithDocuments.required,
    'accumulated_sales',
    'bonus_balance',
    'group_id',
    'created_by',
    'updated_by',
  ],
  properties: {
    ...customerWithDocuments.properties,
    accumulated_sales: { type: 'number', description: 'virtpos accumulated sales, exact to the cent' },
    bonus_balance: { type: 'number', description: 'virtpos bonus balance, exact to the cent' },
    group_id: { type: ['integer', 'null'] },
    created_by: { type: ['integer', 'null'], description: 'the API key that made the customer' },
    updated_by: { type: ['integer', 'null'], description: 'the API key that last changed them' },
  },
};

export const exportSchema = {
  type: 'object',
  required: ['exported_at', 'customer', 'reservations', 'cards', 'journal', 'events'],
  properties: {
    exported_at: { type: 'string' },
    customer: exportedCustomer,
    reservations: { type: 'array', items: reservationSchema },
    cards: { type: 'array', items: cardSchema },
    journal: {
      type: 'array',
      description:
        'the request journal entries naming them; a part naming someone else reads "[withheld: names other customers]"',
      items: {
        ...entrySchema,
        required: [...entrySchema.required, 'withheld'],
        properties: {
          ...entrySchema.properties,
          withheld: {
            type: 'array',
            items: { type: 'string', enum: ['path', 'request_body', 'reply_body'] },
            description: 'the parts replaced because they name other customers; empty: the entry is whole',
          },
        },
      },
    },
    events: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'type', 'data', 'created_at'],
        properties: {
          id: { type: 'integer' },
          type: { type: 'string' },
          data: { type: 'object', additionalProperties: true },
          created_at: { type: 'string' },
        },
      },
    },
  },
};

export function renderExport(exported: CustomerExport) {
  const { accumulated_sales_cents: sales, ...customer } = renderCustomer(exported.customer);
  return {
    exported_at: exported.exported_at,
    customer: {
      ...customer,
      accumulated_sales: fromCents(sales),
      bonus_balance: fromCents(exported.bonus_balance_cents),
      documents: exported.documents,
    },
    reservations: exported.reservations.map(renderReservation),
    cards: exported.cards.map(renderCard),
    // The tenant is the one asked for, as on the journal's own route.
    journal: exported.journal.map(({ tenant_id: _tenant, ...entry }) => entry),
    events: exported.events,
  };
}
