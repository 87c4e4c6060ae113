import type { Db } from '../store/db.ts';
import { roomsOf } from '../store/reservations.ts';
import { customersOf, insertRoomCustomer, setStay, type RoomCustomerRow } from '../store/room-customers.ts';
import {
  insertValidatedCustomer,
  requireCustomer,
  validateNewCustomer,
  type CustomerInput,
} from './customers.ts';
import { nowIso } from './dates.ts';
import { insertValidatedDocument, validateDocument, type DocumentInput } from './documents.ts';
import { conflict, notFound } from './errors.ts';
import { headCount } from './pricing.ts';
import { lockReservation, type ReservationRef } from './reservations.ts';
import type { Scope } from './tenants.ts';

/** The guests of a reservation's rooms and their stay: not arrived → checked in → checked out. */
export type StayAction = 'checkin' | 'checkout' | 'undo_checkin' | 'undo_checkout';

interface StayRule {
  ready(c: RoomCustomerRow): boolean;
  change(at: string): { checkin?: string | null; checkout?: string | null };
  refused: string;
}

const inHouse = (c: RoomCustomerRow) => c.checkin !== null && c.checkout === null;
const RULES: Record<StayAction, StayRule> = {
  checkin: {
    ready: (c) => c.checkin === null,
    change: (at) => ({ checkin: at }),
    refused: 'already checked in',
  },
  checkout: {
    ready: inHouse,
    change: (at) => ({ checkout: at }),
    refused: 'not checked in, or already checked out',
  },
  undo_checkin: {
    ready: inHouse,
    change: () => ({ checkin: null }),
    refused: 'not checked in, or already checked out',
  },
  undo_checkout: {
    ready: (c) => c.checkout !== null,
    change: () => ({ checkout: null }),
    refused: 'not checked out',
  },
};

/**
 * Applies a stay action to the given room customers (each must be in the right state, else nothing changes),
 * or, without ids, to every room customer of the reservation in the right state (at least one).
 */
export async function changeStay(
  db: Db,
  scope: Scope,
  ref: ReservationRef,
  action: StayAction,
  roomCustomerIds?: number[],
): Promise<void> {
  const rule = RULES[action];
  await db.transaction().execute(async (trx) => {
    const reservation = await lockReservation(trx, scope, ref);
    if (reservation.status === 'Cancelled' && action !== 'undo_checkout')
      throw conflict('reservation is cancelled');
    const customers = await customersOf(trx, scope.tenantId, [reservation.id]);
    let selected: RoomCustomerRow[];
    if (roomCustomerIds?.length) {
      selected = roomCustomerIds.map((id) => {
        const found = customers.find((c) => c.id === id);
        if (!found) throw notFound(`room customer not found: ${id}`);
        return found;
      });
      if (!selected.every(rule.ready)) throw conflict(rule.refused);
    } else {
      selected = customers.filter(rule.ready);
      if (selected.length === 0)
        throw conflict(customers.length ? rule.refused : 'reservation has no room customers');
    }
    await setStay(trx, scope.tenantId, [...new Set(selected.map((c) => c.id))], rule.change(nowIso()));
  });
}

/** Inside a transaction: the reservation's room `roomId`, checked to have space for one more guest. */
async function roomWithSpace(
  trx: Db,
  scope: Scope,
  ref: ReservationRef,
  roomId: number,
  customerId?: number,
) {
  const reservation = await lockReservation(trx, scope, ref);
  const room = (await roomsOf(trx, scope.tenantId, [reservation.id])).find((r) => r.id === roomId);
  if (!room) throw notFound('reservation room not found');
  const guests = (await customersOf(trx, scope.tenantId, [reservation.id])).filter(
    (c) => c.reservation_room_id === roomId,
  );
  if (customerId !== undefined && guests.some((c) => c.customer_id === customerId)) {
    throw conflict('customer already in this room');
  }
  if (guests.length >= headCount(room)) throw conflict('room is full');
  return { reservation, room };
}

/** Creates a customer with a document and puts them in a room of the reservation. */
export async function addRoomCustomer(
  db: Db,
  scope: Scope,
  ref: ReservationRef,
  roomId: number,
  customer: CustomerInput,
  document: DocumentInput,
): Promise<{ customerId: number; roomCustomerId: number }> {
  const fields = validateNewCustomer(customer, scope.country);
  const doc = validateDocument(document);
  return db.transaction().execute(async (trx) => {
    const { reservation } = await roomWithSpace(trx, scope, ref, roomId);
    const customerId = await insertValidatedCustomer(trx, scope, fields);
    await insertValidatedDocument(trx, scope, customerId, doc);
    const roomCustomerId = await insertRoomCustomer(trx, {
      tenant_id: scope.tenantId,
      reservation_id: reservation.id,
      reservation_room_id: roomId,
      customer_id: customerId,
    });
    return { customerId, roomCustomerId };
  });
}

/** Puts an existing customer of the tenant in a room of the reservation. */
export async function bindRoomCustomer(
  db: Db,
  scope: Scope,
  ref: ReservationRef,
  roomId: number,
  customerId: number,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await requireCustomer(trx, scope, customerId);
    const { reservation } = await roomWithSpace(trx, scope, ref, roomId, customerId);
    return insertRoomCustomer(trx, {
      tenant_id: scope.tenantId,
      reservation_id: reservation.id,
      reservation_room_id: roomId,
      customer_id: customerId,
    });
  });
}
