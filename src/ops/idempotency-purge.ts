import { purgeExpiredKeys } from '../core/idempotency.ts';
import type { Db } from '../store/db.ts';
import { loopReport, type LoopLog } from './outage-log.ts';

export interface Purge {
  stop(): Promise<void>;
}

/** How often expired Idempotency-Keys are deleted: a key outlives its TTL by at most this long. */
const EVERY_MS = 10 * 60_000;

/**
 * Deletes expired Idempotency-Keys in the background of `serve`, one process each, as the webhook sender runs: an
 * expired key is never replayed anyway (its reads check the expiry), so this only keeps the table small. A failed
 * round is logged (a store away: once, ops/outage-log.ts) and tried again at the next.
 */
export function startKeyPurge(db: Db, log: LoopLog, everyMs = EVERY_MS): Purge {
  const report = loopReport(log, 'idempotency key purge');
  let running: Promise<unknown> = Promise.resolve();
  const round = () => {
    running = purgeExpiredKeys(db, new Date()).then(
      () => report.succeeded(),
      (error: unknown) => report.failed(error, 'idempotency keys: purge failed'),
    );
  };
  const timer = setInterval(round, everyMs);
  timer.unref();
  round();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
