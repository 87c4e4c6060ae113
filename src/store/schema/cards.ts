import type { ColumnType, Generated } from 'kysely';

export interface CardTypeTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
}

export interface DiscountCardTable {
  id: Generated<number>;
  tenant_id: number;
  customer_id: number | null;
  type_id: number | null;
  uid: string | null;
  /** The uid as an EAN-13 code (zero-padded, check digit appended). */
  uid_ean13: string | null;
  barcode: string | null;
  external_id: string | null;
  /** PLASTIC | MAGNET | APP */
  medium: string;
  /** NEW | ACTIVE | BLOCKED */
  status: string;
  block_date: string | null;
  activate_date: string | null;
  created_at: string;
  updated_at: string;
}

/** The loyalty columns migration 030 adds to `customers` (merged with the core's customers table type). */
export interface CustomerLoyaltyColumns {
  bonus_balance_cents: ColumnType<number, number | undefined, number>;
}

export interface CardTables {
  card_types: CardTypeTable;
  discount_cards: DiscountCardTable;
  customers: CustomerLoyaltyColumns;
}
