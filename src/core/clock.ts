import type { Db } from '../store/db.ts';
import * as store from '../store/sandbox-clocks.ts';
import { forgetVerifiedKeys, type TenantClock } from './tenants.ts';
import { isIsoDate, nowIso, todayIn } from './dates.ts';
import { invalid } from './errors.ts';

/**
 * A sandbox tenant's clock (docs/sandbox.md): what "today" and "now" mean for that tenant only. A pinned day keeps
 * the real time of day (UTC) so that timestamps still advance; an offset shifts the real clock by whole days.
 * A scope without a clock follows the real one. Core functions take their time from the scope, never from
 * `Date.now()` directly, so one tenant's clock never leaks into another's.
 */
export type { TenantClock };

/** What carries a clock: a request's scope. */
export interface Clocked {
  clock?: TenantClock | null;
}

const DAY_MS = 86_400_000;
/** Far enough for any test of expiring cards or long stays, near enough to stay inside year 9999. */
const MAX_OFFSET_DAYS = 36_500;

/** The instant "now" means for a scope. */
export function nowOf(scope: Clocked): Date {
  const clock = scope.clock;
  const real = Date.now();
  if (!clock) return new Date(real);
  if (clock.today !== null) return new Date(Date.parse(`${clock.today}T00:00:00Z`) + (real % DAY_MS));
  return new Date(real + (clock.offsetDays ?? 0) * DAY_MS);
}

/** "Now" of a scope as an ISO timestamp (UTC), as the store keeps timestamps. */
export function nowIsoOf(scope: Clocked): string {
  return scope.clock ? nowOf(scope).toISOString() : nowIso();
}

/** "Today" of a scope in a time zone: the pinned day itself when one is pinned. */
export function todayOf(scope: Clocked, timezone: string): string {
  if (!scope.clock) return todayIn(timezone);
  if (scope.clock.today !== null) return scope.clock.today;
  return todayIn(timezone, nowOf(scope));
}

/** "Today" of a scope in UTC (the calendar day of `nowIsoOf`). */
export function utcTodayOf(scope: Clocked): string {
  return nowIsoOf(scope).slice(0, 10);
}

/** What `PUT …/clock` accepts: a day to pin, a shift in days, or null for the real clock. */
export type ClockSetting = { today: string } | { offset_days: number } | null;

export function validateClock(input: unknown): TenantClock | null {
  if (input === null) return null;
  if (typeof input !== 'object' || Array.isArray(input))
    throw invalid('the clock is {"today": "YYYY-MM-DD"}, {"offset_days": N} or null', 'clock');
  const fields = Object.keys(input);
  const value = input as Record<string, unknown>;
  if (fields.length === 1 && fields[0] === 'today') {
    if (typeof value.today !== 'string' || !isIsoDate(value.today))
      throw invalid(`not a calendar day: ${JSON.stringify(value.today)}`, 'today');
    return { today: value.today, offsetDays: null };
  }
  if (fields.length === 1 && fields[0] === 'offset_days') {
    const days = value.offset_days;
    if (!Number.isInteger(days) || Math.abs(days as number) > MAX_OFFSET_DAYS)
      throw invalid(
        `offset_days must be a whole number from -${MAX_OFFSET_DAYS} to ${MAX_OFFSET_DAYS}`,
        'offset_days',
      );
    return { today: null, offsetDays: days as number };
  }
  throw invalid('the clock is {"today": "YYYY-MM-DD"}, {"offset_days": N} or null', 'clock');
}

/** The clock as the admin API shows it: the setting and what it makes of today (UTC) right now. */
export function describeClock(clock: TenantClock | null, timezone: string) {
  const scope = { clock };
  return {
    today: clock?.today ?? null,
    offset_days: clock?.offsetDays ?? null,
    real: clock === null,
    now: nowIsoOf(scope),
    tenant_today: todayOf(scope, timezone),
  };
}

export async function clockOf(db: Db, tenantId: number): Promise<TenantClock | null> {
  return store.findClock(db, tenantId);
}

/**
 * Sets (or, with null, removes) a tenant's clock. Scopes carry the clock and are remembered with their key for a
 * second (tenants.ts): this node forgets them so the change applies here at once, other nodes within that second.
 */
export async function setClock(db: Db, tenantId: number, clock: TenantClock | null): Promise<void> {
  if (clock === null) await store.deleteClock(db, tenantId);
  else await store.saveClock(db, tenantId, clock, nowIso());
  forgetVerifiedKeys();
}
