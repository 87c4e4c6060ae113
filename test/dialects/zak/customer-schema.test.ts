import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fastJson from 'fast-json-stringify';
import type { Customer } from '../../../src/core/customers.ts';
import type { CustomerDocument } from '../../../src/core/documents.ts';
import { customerReply } from '../../../src/dialects/zak/customer-schema.ts';
import { renderCustomer } from '../../../src/dialects/zak/customer-render.ts';
import { AWKWARD } from './awkward-text.ts';

/** A customer with every field set (`awkward`: to text JSON escapes) or every optional field null. */
function customer(i: number, filled: boolean): Customer {
  const text = (n: number) => (filled ? AWKWARD[(i + n) % AWKWARD.length]! : null);
  return {
    id: i + 1,
    name: AWKWARD[i % AWKWARD.length]!,
    surname: `Surname ${i}`,
    middle_name: text(1),
    email: text(2),
    phone: text(3),
    gender: text(4),
    birthday: filled ? '1952-10-10' : null,
    birth_country: text(5),
    birth_city: text(6),
    country: text(7),
    residence_country: text(8),
    city: text(9),
    address: text(10),
    zipcode: text(11),
    cf: text(12),
    bill_address: text(13),
    bill_city: text(14),
    bill_zip: text(15),
    bill_country: text(16),
    bill_name: text(17),
    vat_number: text(18),
    external_id: text(19),
    custom_information: text(20),
    accumulated_sales_cents: 0,
    send_push: 0,
    send_email: 0,
    send_sms: 0,
    group_id: null,
    created_at: '2020-09-29T10:00:00.000Z',
    created_by: null,
    updated_at: '2020-09-29T10:00:00.000Z',
    updated_by: null,
  };
}

function document(i: number): CustomerDocument {
  return {
    id: 10 + i,
    doc_type: AWKWARD[i % AWKWARD.length]!,
    doc_country: 'IT',
    doc_number: AWKWARD[(i + 1) % AWKWARD.length]!,
    doc_issuer: i % 2 === 0 ? null : AWKWARD[(i + 2) % AWKWARD.length]!,
    doc_issue: '1989-11-27',
    doc_expiry: '2027-06-21',
    doc_medium: i % 3 === 0 ? null : AWKWARD[(i + 3) % AWKWARD.length]!,
  };
}

describe('the customer reply schema', () => {
  const serialise = fastJson(customerReply as Parameters<typeof fastJson>[0]);

  it('serialises fetch_one to exactly the text JSON.stringify writes, with and without documents', () => {
    for (let i = 0; i < 14; i++) {
      const documents = Array.from({ length: i % 4 }, (_, d) => document(i + d));
      const reply = { data: renderCustomer(customer(i, i % 2 === 0), documents) };
      assert.equal(serialise(reply), JSON.stringify(reply));
    }
  });
});
