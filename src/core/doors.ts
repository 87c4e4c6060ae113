import { inTransaction } from '../store/transaction.ts';
import type { Db } from '../store/db.ts';
import { roomsOf, setDoorCode } from '../store/reservations.ts';
import { longerThan } from './characters.ts';
import { invalid, missing, notFound } from './errors.ts';
import { emit } from './events.ts';
import { lockReservation, requireReservation, type ReservationRef } from './reservations.ts';
import type { Scope } from './tenants.ts';

export interface DoorCode {
  reservationRoomId: number;
  code: string | null;
}

export async function getDoorCodes(db: Db, scope: Scope, ref: ReservationRef): Promise<DoorCode[]> {
  const reservation = await requireReservation(db, scope, ref);
  const rooms = await roomsOf(db, scope.tenantId, [reservation.id]);
  return rooms.map((r) => ({ reservationRoomId: r.id, code: r.door_code }));
}

/** Sets door codes of rooms of the reservation; one unknown room and nothing changes. '' clears a code. */
export async function setDoorCodes(
  db: Db,
  scope: Scope,
  ref: ReservationRef,
  codes: DoorCode[],
): Promise<void> {
  if (codes.length === 0) throw missing('missing parameter: codes', 'codes');
  for (const c of codes) {
    if (c.code !== null && longerThan(c.code, 64))
      throw invalid('invalid value: door_code is longer than 64 characters', 'codes');
  }
  await inTransaction(db, async (trx) => {
    const reservation = await lockReservation(trx, scope, ref);
    const ids = new Set((await roomsOf(trx, scope.tenantId, [reservation.id])).map((r) => r.id));
    const unknown = codes.find((c) => !ids.has(c.reservationRoomId));
    if (unknown) throw notFound(`reservation room not found: ${unknown.reservationRoomId}`);
    for (const c of codes) {
      await setDoorCode(
        trx,
        scope.tenantId,
        reservation.id,
        c.reservationRoomId,
        c.code === '' ? null : c.code,
      );
    }
    // Door codes open doors: the event names the rooms, never the codes.
    await emit(trx, scope.tenantId, 'reservation.door_codes_changed', {
      reservation: reservation.id,
      reservation_rooms: [...new Set(codes.map((c) => c.reservationRoomId))],
    });
  });
}
