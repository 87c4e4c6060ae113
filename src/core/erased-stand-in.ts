import type { Db } from '../store/db.ts';
import { standInsAmong } from '../store/guest-data.ts';
import { conflict } from './errors.ts';

/**
 * An erasure puts an anonymous customer (`Erased Customer`) in the person's place, to hold their reservations,
 * cards and balances for the accounts (docs/guest-data.md). It stays nobody's: it is read as any customer (its
 * stays and cards too), but no write gives it a person's data or ties it to anything new, whatever surface asks —
 * its fields and documents are not changed, it is bound to no room, it is given no card and its cards are given to
 * no one, and it is neither merged nor erased. Each is refused here, the one place, as a conflict naming it.
 */
export async function refuseStandIn(db: Db, tenantId: number, ids: number[], what: string): Promise<void> {
  const [standIn] = await standInsAmong(db, tenantId, ids);
  if (standIn !== undefined)
    throw conflict(`customer ${standIn} stands in for an erased customer: ${what}`, 'erased_stand_in');
}
