import { splitVat, type VatSplit } from './money.ts';
import type { PropertySettings } from '../store/inventory.ts';

export interface Occupancy {
  adults: number;
  teens: number;
  children: number;
  babies: number;
}

export const headCount = (o: Occupancy) => o.adults + o.teens + o.children + o.babies;

/** A room line's price: the client's stay total when given, else the nightly price × nights. */
export function roomPrice(givenCents: number | undefined, nightlyCents: number, nights: number): number {
  return givenCents ?? nightlyCents * nights;
}

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

const sumSplits = (lines: Array<{ price_cents: number; vat_cents: number }>): VatSplit => {
  const total = lines.reduce((s, l) => s + l.price_cents, 0);
  const vat = lines.reduce((s, l) => s + l.vat_cents, 0);
  return { total, vat, amount: total - vat };
};

export function reservationPrice(
  rooms: Array<{ price_cents: number; vat_cents: number }>,
  totals: {
    extras_cents: number;
    extras_vat_cents: number;
    meals_cents: number;
    meals_vat_cents: number;
    tax_cents: number;
  },
): ReservationPrice {
  const r = sumSplits(rooms);
  const extras = {
    total: totals.extras_cents,
    vat: totals.extras_vat_cents,
    amount: totals.extras_cents - totals.extras_vat_cents,
  };
  const meals = {
    total: totals.meals_cents,
    vat: totals.meals_vat_cents,
    amount: totals.meals_cents - totals.meals_vat_cents,
  };
  return {
    rooms: r,
    extras,
    meals,
    tax: totals.tax_cents,
    total: r.total + extras.total + meals.total + totals.tax_cents,
  };
}

export { splitVat };
