import { reservationSchema } from '../../dialects/zak/reservation-schema.ts';
import {
  described,
  input,
  integer,
  listOf,
  nullableText,
  number,
  ref,
  strict,
  strictCopy,
  text,
  type Schema,
} from '../kit.ts';

/** The component schemas of the Zak document: the structures of requests and replies shared by several calls. */

const date = described(nullableText, 'dd/mm/yyyy');
const inDate = described(text, 'dd/mm/yyyy (or d/m/yyyy)');

const Custdata = input({
  name: text,
  surname: text,
  country: described(text, "ISO 3166-1 alpha-2 code in any case, or an English name ('IT', 'Italy')"),
  birth_country: text,
  birth_contry: described(text, 'the vendor’s spelling of birth_country'),
  residence_country: text,
  birthday: inDate,
  phone: text,
  zipcode: text,
  address: text,
  city: text,
  birth_city: text,
  email: text,
  gender: described(text, 'm, f or x'),
  cf: text,
  bill_address: text,
  bill_city: text,
  bill_zip: text,
  bill_country: text,
  bill_name: text,
  vat_number: text,
});

const Docdata = input(
  {
    doc_type: described(text, 'p, i, d, or an Italian code it_<CODE> (see /kapi/symbols/get_doc_types)'),
    doc_country: described(text, "a country code or English name ('IT', 'italy')"),
    doc_number: text,
    doc_issue: inDate,
    doc_expiry: inDate,
    doc_issuer: text,
    doc_medium: text,
  },
  ['doc_type', 'doc_country', 'doc_number', 'doc_issue', 'doc_expiry'],
);

const Document = strict({
  doc_type: text,
  doc_country: text,
  doc_number: text,
  doc_issuer: nullableText,
  doc_issue: date,
  doc_expiry: date,
  doc_medium: nullableText,
});

const Customer = strict({
  main_info: strict({
    name: text,
    surname: text,
    country: nullableText,
    city: nullableText,
    zipcode: nullableText,
    cf: nullableText,
    creation: date,
    address: nullableText,
    residence_country: nullableText,
  }),
  anagraphical: strict({
    gender: nullableText,
    birth_country: nullableText,
    birth_city: nullableText,
    birthday: date,
  }),
  contacts: strict({ email: nullableText, phone: nullableText }),
  billing_info: strict({
    address: nullableText,
    city: nullableText,
    zip: nullableText,
    country: nullableText,
    name: nullableText,
    vat_number: nullableText,
  }),
  doc_data: listOf(ref('Document')),
});

const linePrice = strict({
  amount: number,
  currency: text,
  discount: number,
  total: number,
  vat: number,
  vat_rate: described(number, 'a percentage'),
});

const Meal = strict({
  id: integer,
  dates: strict({ created: date, day: date }),
  meal_info: strict({ mnumber: integer, mtype: described(text, 'b, l or d'), times: integer }),
  price: linePrice,
});

const Extra = strict({
  rexid: integer,
  dates: strict({ created: date, daily: { type: 'boolean' }, day: described(date, 'null when daily') }),
  extra_info: strict({ number: integer, name: text, exid: { type: ['integer', 'null'] } }),
  price: linePrice,
});

/**
 * The reservation as the route's serialiser writes it (src/dialects/zak/reservation-schema.ts, the same schema),
 * made strict: a room booked without a product has no `product_id`/`rate_id`, `price.extras` names its currency
 * only when there are extras, and `taxes` is `{}` when the property has no tourist tax.
 */
const Reservation = strictCopy(reservationSchema as Schema, [
  'rooms.product_id',
  'rooms.rate_id',
  'price.extras.currency',
  'taxes.rsrv_tax',
  'taxes.currency',
  'taxes.room_tax',
  'taxes.total',
]);

const Error = strict({ error: described(text, 'what went wrong, in English') });

export const ZAK_SCHEMAS: Record<string, Schema> = {
  Custdata,
  Docdata,
  Document,
  Customer,
  Reservation,
  Meal,
  Extra,
  Error,
};
