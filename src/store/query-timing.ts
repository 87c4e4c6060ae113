import type { LogEvent } from 'kysely';
import type { Reader } from './handle.ts';

/** Told of every store query: how long it took in milliseconds, and whether it failed (for metrics). */
export type QueryObserver = (milliseconds: number, failed: boolean) => void;

/** Kysely's `log` option: it times every query it runs, and reports each one here. */
export function kyselyLog(observe: QueryObserver | undefined) {
  return observe && ((event: LogEvent) => observe(event.queryDurationMillis, event.level === 'error'));
}

/** The hot reads bypass Kysely (see prepared.ts): timed here, whether they answer at once or later. */
export function timedReader(reader: Reader, observe: QueryObserver | undefined): Reader {
  if (!observe) return reader;
  return (statement, parameters) => {
    const start = performance.now();
    let rows: unknown;
    try {
      rows = reader(statement, parameters);
    } catch (error) {
      observe(performance.now() - start, true);
      throw error;
    }
    if (!(rows instanceof Promise)) {
      observe(performance.now() - start, false);
      return rows;
    }
    return rows.then(
      (value: unknown) => {
        observe(performance.now() - start, false);
        return value;
      },
      (error: unknown) => {
        observe(performance.now() - start, true);
        throw error;
      },
    );
  };
}
