import { splitVat, type VatSplit } from './money.ts';
import type { PropertySettings } from '../store/inventory.ts';

export interface Occupancy {
  adults: number;
  teens: number;
  children: number;
  babies: number;
}

export const headCount = (o: Occupancy) => o.adults + o.teens + o.children + o.babies;

/**
 * The tourist tax of a stay: adults and teens pay per night, up to the property's maximum of nights;
 * children and babies are exempt.
 */
export function touristTax(settings: PropertySettings, rooms: Occupancy[], nights: number): number {
  if (settings.tourist_tax_cents === null) return 0;
  const payingNights = Math.min(nights, settings.tourist_tax_max_nights ?? nights);
  const guests = rooms.reduce((sum, o) => sum + o.adults + o.teens, 0);
  return guests * payingNights * settings.tourist_tax_cents;
}

export interface ReservationPrice {
  rooms: VatSplit;
  extras: VatSplit;
  meals: VatSplit;
  tax: number;
  /** rooms + extras + meals + taxes, in cents. */
  total: number;
}

const stored = (total: number, vat: number): VatSplit => ({ total, vat, amount: total - vat });

/**
 * The price of a reservation. The rooms' line is split from the rooms' total at the rooms' rate (so the seed's
 * 13221 at 13 % is 11700 + 1521 even when the per-room splits round the other way); meals and extras sum their
 * lines, each split at its own rate.
 */
export function reservationPrice(
  roomPrices: number[],
  r: {
    vat_rooms_bp: number;
    extras_cents: number;
    extras_vat_cents: number;
    meals_cents: number;
    meals_vat_cents: number;
    tax_cents: number | null;
  },
): ReservationPrice {
  const rooms = splitVat(
    roomPrices.reduce((sum, cents) => sum + cents, 0),
    r.vat_rooms_bp,
  );
  const extras = stored(r.extras_cents, r.extras_vat_cents);
  const meals = stored(r.meals_cents, r.meals_vat_cents);
  const tax = r.tax_cents ?? 0;
  return { rooms, extras, meals, tax, total: rooms.total + extras.total + meals.total + tax };
}
