import type { Db } from '../store/db.ts';
import { getDoorCodes, type DoorCode } from './doors.ts';
import { listExtras } from './extras.ts';
import { listMeals } from './meals.ts';
import { reservationNotes } from './notes.ts';
import { findPayments } from './payments.ts';
import { getReservation, type ReservationRef, type ReservationView } from './reservations.ts';
import type { Scope } from './tenants.ts';

/** A reservation with everything booked or recorded on it: the view of one reservation's page. */
export interface ReservationDetails extends ReservationView {
  meals: Awaited<ReturnType<typeof listMeals>>['meals'];
  extras: Awaited<ReturnType<typeof listExtras>>['extras'];
  payments: Awaited<ReturnType<typeof findPayments>>;
  notes: Awaited<ReturnType<typeof reservationNotes>>;
  doorCodes: DoorCode[];
}

/**
 * One reservation with its meals, extras, payments, notes and door codes, read through the same core calls as
 * Zak's `get_meals`, `get_extras`, `payments/get_payments`, `notes/get_notes` and `get_doors_codes` (so the same
 * tenant checks and the same limits: at most MAX_PAYMENTS payments).
 */
export async function getReservationDetails(
  db: Db,
  scope: Scope,
  ref: ReservationRef,
): Promise<ReservationDetails> {
  const view = await getReservation(db, scope, ref);
  const id = view.reservation.id;
  const { meals } = await listMeals(db, scope, id);
  const { extras } = await listExtras(db, scope, id);
  const payments = await findPayments(db, scope, { reservation: { id } });
  const notes = await reservationNotes(db, scope, { id });
  const doorCodes = await getDoorCodes(db, scope, { id });
  return { ...view, meals, extras, payments, notes, doorCodes };
}
