import { inTransaction } from '../store/transaction.ts';
import type { Db } from '../store/db.ts';
import * as store from '../store/notes.ts';
import { longerThan } from './characters.ts';
import { invalid, missing, notFound } from './errors.ts';
import { emit } from './events.ts';
import { requireReservation, type ReservationRef } from './reservations.ts';
import type { Scope } from './tenants.ts';
import { nowIsoOf } from './clock.ts';

/** The notes of a reservation (Zak's `/kapi/notes/*`): free text, kept per tenant like the reservation. */
const MAX_NOTE = 10_000;

function noteText(value: string | undefined, field: string): string {
  if (value === undefined || value.trim() === '') throw missing(`missing parameter: ${field}`, field);
  if (longerThan(value, MAX_NOTE))
    throw invalid(`invalid parameter: ${field} longer than ${MAX_NOTE}`, field);
  return value;
}

export async function reservationNotes(db: Db, scope: Scope, ref: ReservationRef): Promise<store.Note[]> {
  const reservation = await requireReservation(db, scope, ref);
  return store.listNotes(db, scope.tenantId, reservation.id);
}

export async function addNote(
  db: Db,
  scope: Scope,
  ref: ReservationRef,
  text: string | undefined,
): Promise<number> {
  const remarks = noteText(text, 'new_note');
  return inTransaction(db, async (trx) => {
    const reservation = await requireReservation(trx, scope, ref);
    const note = await store.insertNote(trx, scope.tenantId, reservation.id, remarks, nowIsoOf(scope));
    await emit(trx, scope.tenantId, 'reservation.note_added', { reservation: reservation.id, note, remarks });
    return note;
  });
}

/**
 * Another tenant's note is a missing one; so is a note of another reservation when the client names the
 * reservation (`rcode`) it means to change a note of.
 */
export async function changeNote(
  db: Db,
  scope: Scope,
  id: number,
  text: string | undefined,
  ref?: ReservationRef,
): Promise<void> {
  const remarks = noteText(text, 'updated_note');
  await inTransaction(db, async (trx) => {
    const named = ref ? (await requireReservation(trx, scope, ref)).id : undefined;
    const reservation = await store.updateNote(trx, scope.tenantId, id, remarks, named);
    if (reservation === undefined) throw notFound('note not found');
    await emit(trx, scope.tenantId, 'reservation.note_changed', { reservation, note: id, remarks });
  });
}
