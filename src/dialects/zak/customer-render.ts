import type { Customer } from '../../core/customers.ts';
import type { CustomerDocument } from '../../core/documents.ts';
import { formatDate } from './params.ts';

/** `fetch_one`'s reply, in the seed's shape; `residence_country` is the one documented extra. */
export function renderCustomer(c: Customer, documents: CustomerDocument[]) {
  return {
    main_info: {
      name: c.name,
      surname: c.surname,
      country: c.country,
      city: c.city,
      zipcode: c.zipcode,
      cf: c.cf,
      creation: formatDate(c.created_at.slice(0, 10)),
      address: c.address,
      residence_country: c.residence_country,
    },
    anagraphical: {
      gender: c.gender,
      birth_country: c.birth_country,
      birth_city: c.birth_city,
      birthday: formatDate(c.birthday),
    },
    contacts: { email: c.email, phone: c.phone },
    billing_info: {
      address: c.bill_address,
      city: c.bill_city,
      zip: c.bill_zip,
      country: c.bill_country,
      name: c.bill_name,
      vat_number: c.vat_number,
    },
    doc_data: documents.map((d) => ({
      doc_type: d.doc_type,
      doc_country: d.doc_country,
      doc_number: d.doc_number,
      doc_issuer: d.doc_issuer,
      doc_issue: formatDate(d.doc_issue),
      doc_expiry: formatDate(d.doc_expiry),
      doc_medium: d.doc_medium,
    })),
  };
}
