import type { ColumnType, Generated } from 'kysely';

/** A column with a database default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** A tour operator's sub-account inside a tenant; Netstorming calls it the owner of the customers. */
export interface OwnerTable {
  id: Generated<number>;
  tenant_id: number;
  code: string;
  name: string;
  created_at: string;
}

/**
 * Every field of the Netstorming insert as an agency row stores it (flags as 0/1), written once: the table type
 * below and the core's `NewAgency` (src/core/agencies.ts) are derived from it.
 */
export interface AgencyFields {
  code: string;
  name: string;
  address: string;
  zip: string;
  country: string;
  city: string;
  mailstaff: string;
  notify_lang: string;
  telephone: string;
  fax: string;
  currency: string;
  booking_online: number;
  blocked_in_deadline: number;
  credit_card: number;
  vat: string | null;
  corporatename: string | null;
  mailaccountability: string | null;
  tax_code: string | null;
  markuphotelsweb: number | null;
  markupcarsweb: number | null;
  markuptransfersweb: number | null;
  markuptoursweb: number | null;
  markupgenericservicesweb: number | null;
  sdi_code: string | null;
  accounting: string | null;
  mobile_phone: string | null;
  pec_address: string | null;
  force_contextual_payment: number | null;
  customer_homepage: string | null;
  emergency_number: string | null;
  payment_date: string | null;
  prepayment_days: number | null;
}

/** The fields of `AgencyFields` that are yes/no flags (0/1 here, booleans in the core). */
export type AgencyFlag =
  'booking_online' | 'blocked_in_deadline' | 'credit_card' | 'force_contextual_payment';

/** A B2B customer (travel agency) of an owner. */
export interface AgencyTable extends AgencyFields {
  id: Generated<number>;
  tenant_id: number;
  owner_id: number;
  enabled: Defaulted<number>;
  created_at: string;
  updated_at: string;
}

/** A user of an agency; the insert creates exactly one, its admin. */
export interface AgencyUserTable {
  id: Generated<number>;
  tenant_id: number;
  agency_id: number;
  login: string;
  name: string;
  email: string;
  /** `scrypt$N$r$p$salt$hash` (base64url salt and hash); see core/passwords.ts. */
  password_hash: string;
  foreign_code: string | null;
  is_admin: number;
  created_at: string;
}

export interface AgencyTables {
  owners: OwnerTable;
  agencies: AgencyTable;
  agency_users: AgencyUserTable;
}
