/** A rate (price plan) of the property; products (room type × rate) are what it prices. */
export interface RateTable {
  tenant_id: number;
  id: number;
  name: string;
  /** nb, bb, hb, fb or ai. */
  board: string;
  currency: string;
  /** 1 for the property's standard rate, else 0 (Zak's flags are integers). */
  standard: number;
}

/** A product's values for one night. Flags are 0/1; `max_stay` 0 means no maximum. */
export interface RateValueTable {
  tenant_id: number;
  product_id: number;
  day: string;
  price_cents: number;
  min_stay: number;
  max_stay: number;
  closed: number;
  closed_arrival: number;
  closed_departure: number;
  /** At most this many rooms of the product may be sold that night; null: no restriction. */
  availability: number | null;
}

/** The price of a board's meals per guest and night, by age band, for a period. */
export interface MealBoardTable {
  tenant_id: number;
  id: number;
  board: string;
  dfrom: string;
  dto: string;
  adults_cents: number;
  teens_cents: number;
  children_cents: number;
  babies_cents: number;
}

export interface RateTables {
  rates: RateTable;
  rate_values: RateValueTable;
  meal_boards: MealBoardTable;
}
