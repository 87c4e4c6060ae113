import { described, integer, ref } from '../kit.ts';
import { idField, jsonField, type ZakCall } from './operation.ts';

/** `/kp/customers/*`, with the examples of the vendor's page (shared/seeds/000_…). */

const SEED_CUSTDATA =
  '{"name": "Mario", "surname": "Rossi", "email":"therealemail@gmail.com", "gender": "m"}';
const customerId = described(integer, 'the customer id');

export const customerCalls: Record<string, ZakCall> = {
  fetch_one: {
    summary: 'Fetch a customer by id',
    description: 'The customer with their identity documents (oldest first). Unset values are `null`.',
    fields: { id: idField('customer id') },
    required: ['id'],
    data: ref('Customer'),
    errors: [404],
    examples: {
      seed: {
        summary: 'The vendor’s example',
        request: { id: '277' },
        status: 200,
        reply: {
          data: {
            main_info: {
              name: 'Mario',
              surname: 'Giuseppe',
              country: 'PM',
              city: 'Petit Barachois',
              zipcode: '96271',
              cf: null,
              creation: '29/09/2020',
              address: null,
              residence_country: null,
            },
            anagraphical: { gender: 'm', birth_country: 'PM', birth_city: 'Alabama', birthday: '10/10/1952' },
            contacts: { email: 'therealemail@gmail.com', phone: null },
            billing_info: {
              address: null,
              city: null,
              zip: null,
              country: null,
              name: null,
              vat_number: null,
            },
            doc_data: [
              {
                doc_type: 'it_TESDI',
                doc_country: 'PM',
                doc_number: '1',
                doc_issuer: null,
                doc_issue: '27/11/1989',
                doc_expiry: '21/06/2027',
                doc_medium: null,
              },
              {
                doc_type: 'p',
                doc_country: 'IT',
                doc_number: '123ABC456',
                doc_issuer: null,
                doc_issue: '01/01/2010',
                doc_expiry: '01/01/2030',
                doc_medium: null,
              },
            ],
          },
        },
      },
      unknown: {
        summary: 'An id the tenant does not have',
        request: { id: '999999' },
        status: 404,
        reply: { error: 'customer not found' },
      },
      invalid: {
        summary: 'An id that is not a positive whole number',
        request: { id: 'abc' },
        status: 400,
        reply: { error: 'invalid parameter: id' },
      },
    },
  },

  upload_docdata: {
    summary: 'Add or replace a document of a customer',
    description:
      'A document with the same type and number as one the customer has replaces it. Returns the customer id.',
    fields: { id: idField('customer id'), docdata: jsonField(ref('Docdata'), 'the document') },
    required: ['id', 'docdata'],
    data: customerId,
    errors: [404],
    examples: {
      seed: {
        summary: 'The vendor’s example',
        request: {
          id: '277',
          docdata:
            '{"doc_type": "p", "doc_country": "Italy", "doc_number": "123ABC456", "doc_issue": "01/01/2010", "doc_expiry": "01/01/2030"}',
        },
        status: 200,
        reply: { data: 277 },
      },
    },
  },

  add_one: {
    summary: 'Add a customer',
    description: '`name` and `surname` are required. Returns the new customer id.',
    fields: { custdata: jsonField(ref('Custdata'), 'the customer') },
    required: ['custdata'],
    data: customerId,
    examples: {
      seed: {
        summary: 'The vendor’s example',
        request: { custdata: SEED_CUSTDATA },
        status: 200,
        reply: { data: 2237 },
      },
      json: {
        summary: 'The same in a JSON body, `custdata` as an object',
        request: {
          custdata: { name: 'Mario', surname: 'Rossi', email: 'therealemail@gmail.com', gender: 'm' },
        },
        media: 'json',
        status: 200,
        reply: { data: 2238 },
      },
      noSurname: {
        summary: 'Without a surname',
        request: { custdata: '{"name": "Mario"}' },
        status: 400,
        reply: { error: 'missing parameter: surname' },
      },
      badJson: {
        summary: '`custdata` that is not JSON',
        request: { custdata: '{name: Mario}' },
        status: 400,
        reply: { error: 'invalid JSON: custdata' },
      },
    },
  },

  update_custdata: {
    summary: 'Change fields of a customer',
    description:
      'Only the fields given change (at least one); `null` or `""` clears an optional field. Returns the id.',
    fields: { id: idField('customer id'), custdata: jsonField(ref('Custdata'), 'the fields to change') },
    required: ['id', 'custdata'],
    data: customerId,
    errors: [404],
    examples: {
      seed: {
        summary: 'The vendor’s example',
        request: {
          id: '277',
          custdata: '{"name": "Mario", "email":"therealemail@gmail.com", "gender": "m"}',
        },
        status: 200,
        reply: { data: 277 },
      },
      multipart: {
        summary: 'The same call as a multipart form (`curl -F`)',
        request: { id: '277', custdata: '{"city": "Roma"}' },
        media: 'multipart',
        status: 200,
        reply: { data: 277 },
      },
    },
  },
};
