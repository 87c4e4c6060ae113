import type { ColumnType } from 'kysely';

/** The column migration 057 adds to `customers` (merged with the core's customers table type). */
export interface CustomerStandInColumns {
  /** 1 on the anonymous customer an erasure made to hold the erased person's accounts (docs/guest-data.md). */
  erased_stand_in: ColumnType<number, number | undefined, number>;
}

export interface GuestDataTables {
  customers: CustomerStandInColumns;
}
