import { isoDate } from '../../core/dates.ts';
import { invalid } from '../../core/errors.ts';

/**
 * A card date as clients send it: `YYYY-MM-DD` (optionally followed by a time, as the replies write it) or the
 * Russian `DD.MM.YYYY`. Empty clears the date. Only the day is kept.
 */
export function cardDate(value: string, name: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?: \d{2}:\d{2}(?::\d{2})?)?$/.exec(v);
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  const date = iso
    ? isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))
    : ru
      ? isoDate(Number(ru[3]), Number(ru[2]), Number(ru[1]))
      : null;
  if (!date) throw invalid(`invalid date: ${name}`, name);
  return date;
}
