/** Calendar dates in the core are ISO `YYYY-MM-DD` strings; timestamps are ISO strings in UTC. */

export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m !== null && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === value;
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Today's calendar date in a time zone such as `Europe/Rome`. */
export function todayIn(timezone: string, at: Date = new Date()): string {
  const minute = Math.floor(at.getTime() / 60_000);
  const known = lastDays.get(timezone);
  if (known?.minute === minute) return known.date;
  let format = dayFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: timezone });
    dayFormats.set(timezone, format);
  }
  const date = format.format(at);
  lastDays.set(timezone, { minute, date });
  return date;
}

// Building a formatter costs far more than using one; the time zones in use are few.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
// Using one still cost a booking about 20 µs (a CPU profile of `new`), more than any other step outside SQLite.
// A zone's day begins on a whole minute of UTC, so the date of the last minute asked is kept for each zone.
const lastDays = new Map<string, { minute: number; date: string }>();

export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole nights from `from` to `to` (negative when `to` is earlier). */
export function nightsBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
