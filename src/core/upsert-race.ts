import type { Db } from '../store/db.ts';
import { UniqueViolation } from '../store/unique.ts';
import { isConflict } from './errors.ts';

/**
 * An upsert (`create_if_not_exist`) looks its record up, then creates it when none is found. Two concurrent calls for
 * the same new key both find nothing; the unique index lets one create it and refuses the other, which surfaces as
 * a `conflict`. That loser runs again: its lookup now finds the winner's committed record and updates it, as it
 * would have had it come a moment later. A conflict that remains on the second run is a real one (the key belongs
 * to another record) and is answered as such.
 *
 * Inside a caller's transaction (`db` is one) there is no second run: on PostgreSQL the refused statement has
 * aborted that transaction, so the caller, which owns it, runs the whole request again (see http/idempotency.ts).
 */
export const retryLostCreate = <T extends { isNew: boolean }>(
  db: Db,
  attempt: () => Promise<T>,
): Promise<T> => onceMore(db, attempt, isConflict);

/**
 * A write that checks its unique values first (a card's uid, external id, barcode) and names the one taken. Two
 * concurrent writes of one value both pass the check; the unique index refuses the later commit, which knows only
 * that some value was taken. Run once more, its check sees the winner's committed record and names the value, as
 * it would have had the call come a moment later (or it succeeds, the winner gone meanwhile). In a caller's
 * transaction the caller runs the request again (see `retryLostCreate`).
 */
export const nameLostValue = <T>(db: Db, attempt: () => Promise<T>): Promise<T> =>
  onceMore(db, attempt, (error) => error instanceof UniqueViolation);

/** Runs `attempt`, and once more if it lost a race (`lost`); in a caller's transaction, once (see above). */
async function onceMore<T>(db: Db, attempt: () => Promise<T>, lost: (error: unknown) => boolean): Promise<T> {
  if (db.isTransaction) return attempt();
  try {
    return await attempt();
  } catch (error) {
    if (!lost(error)) throw error;
    return attempt();
  }
}
