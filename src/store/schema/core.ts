import type { ColumnType, Generated } from 'kysely';

/** A column with a database default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface TenantTable {
  id: Generated<number>;
  name: string;
  prefix: string;
  timezone: string;
  currency: string;
  /** ISO 3166-1 alpha-2: whose rules read phone numbers written without a country code (migration 048). */
  country: Defaulted<string>;
  created_at: string;
}

export interface ApiKeyTable {
  id: Generated<number>;
  tenant_id: number;
  /** The first characters of the key, kept in clear so that a key can be named and revoked. */
  prefix: string;
  key_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface CustomerTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  surname: string;
  middle_name: string | null;
  /** Lower-cased, trimmed name and surname (migration 047): the admin search's indexed prefix keys. */
  name_key: string | null;
  surname_key: string | null;
  email: string | null;
  /** Lower-cased, trimmed e-mail: the indexed lookup key. */
  email_key: string | null;
  phone: string | null;
  /** Digits of the phone in canonical form: the indexed lookup key. */
  phone_key: string | null;
  gender: string | null;
  birthday: string | null;
  birth_country: string | null;
  birth_city: string | null;
  country: string | null;
  residence_country: string | null;
  city: string | null;
  address: string | null;
  zipcode: string | null;
  cf: string | null;
  bill_address: string | null;
  bill_city: string | null;
  bill_zip: string | null;
  bill_country: string | null;
  bill_name: string | null;
  vat_number: string | null;
  external_id: string | null;
  custom_information: string | null;
  accumulated_sales_cents: Defaulted<number>;
  send_push: Defaulted<number>;
  send_email: Defaulted<number>;
  send_sms: Defaulted<number>;
  group_id: number | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  updated_by: number | null;
}

export interface CustomerGroupTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
}

export interface CustomerDocumentTable {
  id: Generated<number>;
  tenant_id: number;
  customer_id: number;
  doc_type: string;
  doc_country: string;
  /** The number's blind index (an HMAC) once encrypted; the number itself in a row not yet encrypted. */
  doc_number: string;
  /** Encrypted when `data_key_id` is set, as `doc_number_enc` (migration 049). */
  doc_issuer: string | null;
  doc_issue: string;
  doc_expiry: string;
  doc_medium: string | null;
  created_at: string;
  doc_number_enc: string | null;
  /** The data key that encrypted the row; null: a row from before encryption, still plain. */
  data_key_id: number | null;
}

export interface CoreTables {
  tenants: TenantTable;
  api_keys: ApiKeyTable;
  customers: CustomerTable;
  customer_groups: CustomerGroupTable;
  customer_documents: CustomerDocumentTable;
}
