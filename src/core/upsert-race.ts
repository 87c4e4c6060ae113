import { isConflict } from './errors.ts';

/**
 * An upsert (`create_if_not_exist`) looks its record up, then creates it when none is found. Two concurrent calls for
 * the same new key both find nothing; the unique index lets one create it and refuses the other, which surfaces as
 * a `conflict`. That loser runs again: its lookup now finds the winner's committed record and updates it, as it
 * would have had it come a moment later. A conflict that remains on the second run is a real one (the key belongs
 * to another record) and is answered as such.
 */
export async function retryLostCreate<T extends { isNew: boolean }>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!isConflict(error)) throw error;
    return attempt();
  }
}
