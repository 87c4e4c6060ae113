import type { Db } from '../store/db.ts';
import type { Product } from '../store/inventory.ts';
import { productRoomsSold } from '../store/rates.ts';
import { conflict } from './errors.ts';
import { productDays, type NightValue } from './rates.ts';

// What a product's rate says about a stay: its price night by night and the rules that refuse it. Zak's pages
// say nothing of what `new` does with them; Clientele applies them as a booking engine would (docs/zak-rates.md).

export interface RatedStay {
  /** The sum of the nights' prices, in cents. */
  priceCents: number;
  /** Nights whose value limits how many rooms of the product may be sold, with that limit. */
  limits: { night: string; availability: number }[];
}

/**
 * A stay under the product's rate: refused when a night is closed, the arrival or the departure day is closed
 * to it, or its length breaks the arrival day's minimum or maximum stay.
 */
export async function rateStay(
  db: Db,
  tenantId: number,
  product: Product,
  arrival: string,
  nights: number,
): Promise<RatedStay> {
  const days = await productDays(db, tenantId, product, arrival, nights + 1);
  const stay = days.slice(0, nights);
  const first = stay[0]!;
  const departure = days[nights]!;
  const refuse = (why: string) => conflict(`product ${product.id} ${why}`, 'stay_restricted');
  const closed = stay.find((v) => v.closed === 1);
  if (closed) throw refuse(`is closed on ${closed.day}`);
  if (first.closed_arrival === 1) throw refuse(`is closed to arrival on ${first.day}`);
  if (departure.closed_departure === 1) throw refuse(`is closed to departure on ${departure.day}`);
  if (nights < first.min_stay)
    throw refuse(`needs a stay of at least ${first.min_stay} nights from ${first.day}`);
  if (first.max_stay > 0 && nights > first.max_stay) {
    throw refuse(`allows a stay of at most ${first.max_stay} nights from ${first.day}`);
  }
  return {
    priceCents: stay.reduce((sum, v: NightValue) => sum + v.price_cents, 0),
    limits: stay.flatMap((v) =>
      v.availability === null ? [] : [{ night: v.day, availability: v.availability }],
    ),
  };
}

/**
 * Inside the booking's transaction: refuses when the rooms this booking takes of the product, with those already
 * sold, exceed a night's availability limit.
 */
export async function requireProductRooms(
  trx: Db,
  tenantId: number,
  productId: number,
  rooms: number,
  stay: RatedStay,
  lock: boolean,
): Promise<void> {
  if (stay.limits.length === 0) return;
  const sold = await productRoomsSold(
    trx,
    tenantId,
    productId,
    stay.limits.map((l) => l.night),
    lock,
  );
  for (const { night, availability } of stay.limits) {
    if ((sold.get(night) ?? 0) + rooms > availability) {
      throw conflict(`product ${productId} is sold out on ${night}`, 'product_sold_out');
    }
  }
}
