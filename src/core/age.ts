/** Full years from an ISO birth date to an ISO day; null without a birth date. Never stored: it changes daily. */
export function ageOn(birthday: string | null, today: string): number | null {
  if (!birthday) return null;
  const years = Number(today.slice(0, 4)) - Number(birthday.slice(0, 4));
  return today.slice(5) < birthday.slice(5) ? years - 1 : years;
}
