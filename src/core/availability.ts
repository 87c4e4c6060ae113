import type { Db } from '../store/db.ts';
import { freeRooms } from '../store/reservations.ts';
import { listRoomTypes } from '../store/inventory.ts';
import { conflict, invalid } from './errors.ts';
import { addDays, nightsBetween } from './dates.ts';

/** Longest stay accepted in one request. */
export const MAX_NIGHTS = 366;

/** A stay is the nights from arrival to the day before departure; the departure day is free for the next guest. */
export function stayNights(arrival: string, departure: string): string[] {
  const nights = nightsBetween(arrival, departure);
  if (nights < 1) throw invalid('invalid date: departure must follow arrival', 'departure');
  if (nights > MAX_NIGHTS) throw invalid(`invalid date: stays are at most ${MAX_NIGHTS} nights`, 'departure');
  return Array.from({ length: nights }, (_, i) => addDays(arrival, i));
}

/** Picks, for a line of a given type, the first free room not already taken by another line of the request. */
export async function assignRoom(
  db: Db,
  tenantId: number,
  roomTypeId: number,
  arrival: string,
  departure: string,
  taken: ReadonlySet<number>,
): Promise<number> {
  const free = await freeRooms(db, tenantId, arrival, departure, roomTypeId);
  const room = free.find((r) => !taken.has(r.id));
  if (!room) throw conflict(`no room of type ${roomTypeId} is free for these dates`);
  return room.id;
}

/** Free rooms per room type for a stay: `{type id: {availability, rooms}}`, every type listed. */
export async function roomsAvailability(db: Db, tenantId: number, arrival: string, departure: string) {
  stayNights(arrival, departure);
  const byType = new Map<number, number[]>();
  for (const type of await listRoomTypes(db, tenantId)) byType.set(type.id, []);
  for (const room of await freeRooms(db, tenantId, arrival, departure))
    byType.get(room.room_type_id)?.push(room.id);
  return [...byType].map(([typeId, rooms]) => ({ typeId, rooms }));
}

/** Meals and extras belong to a day of the stay, the departure day included (breakfast before leaving). */
export function requireDayInStay(
  stay: { arrival: string; departure: string },
  day: string,
  field: string,
): void {
  if (day < stay.arrival || day > stay.departure)
    throw invalid(`invalid date: ${field} is outside the stay`, field);
}
