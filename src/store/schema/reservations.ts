import type { ColumnType, Generated } from 'kysely';

/** Inventory rows carry the ids of the tenant's inventory file: (tenant_id, id) is the key. */
export interface RoomTypeTable {
  tenant_id: number;
  id: number;
  name: string;
  shortname: string;
  capacity: number;
  price_cents: number;
}

export interface RoomTable {
  tenant_id: number;
  id: number;
  room_type_id: number;
  name: string;
  /** JSON array of strings. */
  tags: string;
}

export interface ProductTable {
  tenant_id: number;
  id: number;
  room_type_id: number;
  name: string;
  master: number;
  rate_id: number;
  price_cents: number;
}

export interface ExtraTable {
  tenant_id: number;
  id: number;
  name: string;
  price_cents: number;
  /** Hundredths of a percent (1000 = 10 %); null means the tenant's extras rate. */
  vat_bp: number | null;
}

export interface PropertySettingsTable {
  tenant_id: number;
  vat_rooms_bp: number;
  vat_meals_bp: number;
  vat_extras_bp: number;
  /** Tourist tax per paying guest and night, in cents; null when the property has none. */
  tourist_tax_cents: number | null;
  tourist_tax_max_nights: number | null;
}

export interface ReservationCounterTable {
  tenant_id: number;
  last: number;
}

export interface ReservationTable {
  id: Generated<number>;
  tenant_id: number;
  code: string;
  booker: number;
  status: string;
  expiration_date: string | null;
  board: string;
  channel: string;
  cpolicy: string;
  /** The tenant's calendar date at creation. */
  created_on: string;
  created_at: string;
  last_status_at: string | null;
  arrival: string;
  departure: string;
  currency: string;
  /** The rooms' VAT rate at booking: price.rooms is split from the rooms' total with it. */
  vat_rooms_bp: number;
  /** Tourist tax in cents; null when the property had no tourist tax at booking. */
  tax_cents: number | null;
  extras_cents: number;
  extras_vat_cents: number;
  meals_cents: number;
  meals_vat_cents: number;
  /** The sum of the reservation's payments (migration 040). */
  paid_cents: ColumnType<number, number | undefined, number>;
}

export interface ReservationRoomTable {
  id: Generated<number>;
  tenant_id: number;
  reservation_id: number;
  room_id: number;
  room_type_id: number;
  dfrom: string;
  dto: string;
  adults: number;
  teens: number;
  children: number;
  babies: number;
  product_id: number | null;
  rate_id: number | null;
  price_cents: number;
  vat_cents: number;
  door_code: string | null;
}

/** One row per booked night of a physical room: the UNIQUE key is the overbooking guarantee. */
export interface RoomNightTable {
  tenant_id: number;
  room_id: number;
  night: string;
  reservation_id: number;
}

export interface RoomCustomerTable {
  id: Generated<number>;
  tenant_id: number;
  reservation_id: number;
  reservation_room_id: number;
  customer_id: number;
  checkin: string | null;
  checkout: string | null;
}

export interface MealTable {
  id: Generated<number>;
  tenant_id: number;
  reservation_id: number;
  day: string;
  mtype: string;
  mnumber: number;
  times: number;
  total_cents: number;
  vat_cents: number;
  vat_bp: number;
  created_on: string;
}

export interface ReservationExtraTable {
  id: Generated<number>;
  tenant_id: number;
  reservation_id: number;
  extra_id: number | null;
  name: string;
  number: number;
  daily: number;
  day: string | null;
  total_cents: number;
  vat_cents: number;
  vat_bp: number;
  created_on: string;
}

export interface ReservationTables {
  room_types: RoomTypeTable;
  rooms: RoomTable;
  products: ProductTable;
  extras: ExtraTable;
  property_settings: PropertySettingsTable;
  reservation_counters: ReservationCounterTable;
  reservations: ReservationTable;
  reservation_rooms: ReservationRoomTable;
  room_nights: RoomNightTable;
  room_customers: RoomCustomerTable;
  meals: MealTable;
  reservation_extras: ReservationExtraTable;
}
