import { isUnavailable, storeWriteFault } from '../http/unavailable.ts';

/** What a background loop logs through: the server's logger. */
export interface LoopLog {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

/** While the store stays away, a reminder at most this often. */
export const OUTAGE_REMINDER_MS = 60_000;

/**
 * How one background loop (the webhook sender, the journal's flush, the Idempotency-Key purge) reports its
 * failures. A loop polls: while the store is away (unreachable, SQLite's write lock held elsewhere, or the store
 * refusing writes: what http/failures.ts answers 503) every round fails the same way, and a line per round (four a
 * second for the sender) buried the log. So an outage is one line when it starts (`<loop>: store unavailable`, at
 * `error`, with what to check), a reminder a minute at most while it lasts (`…: store still unavailable`, at
 * `warn`), and one line when the loop works again (`…: store available again`, at `info`, with `downForMs`). Any
 * other failure (a bug, a constraint) is logged every time, as before.
 */
export interface LoopReport {
  /** A round (or part of one) failed; `details` are added to the line, `message` names what failed. */
  failed(error: unknown, message: string, details?: object): void;
  /** A round reached the store and succeeded: ends an outage. */
  succeeded(): void;
}

export function loopReport(
  log: LoopLog,
  loop: string,
  now: () => number = Date.now,
  remindMs = OUTAGE_REMINDER_MS,
): LoopReport {
  let since: number | undefined;
  let reminded = 0;
  let failures = 0;
  return {
    failed(error, message, details = {}) {
      const fault = storeWriteFault(error);
      if (fault === undefined && !isUnavailable(error)) {
        log.error({ ...details, err: error }, message);
        return;
      }
      failures++;
      const at = now();
      if (since === undefined) {
        since = reminded = at;
        const err = fault ?? (error as Error).message;
        log.error({ ...details, loop, err }, `${loop}: store unavailable`);
      } else if (at - reminded >= remindMs) {
        reminded = at;
        log.warn({ loop, downForMs: at - since, failures }, `${loop}: store still unavailable`);
      }
    },
    succeeded() {
      if (since === undefined) return;
      log.info({ loop, downForMs: now() - since, failures }, `${loop}: store available again`);
      since = undefined;
      failures = 0;
    },
  };
}
