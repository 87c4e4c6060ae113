import { inTransaction } from '../store/transaction.ts';
import type { Db } from '../store/db.ts';
import { roomsOf } from '../store/reservations.ts';
import { customersOf, insertRoomCustomer, setStay, type RoomCustomerRow } from '../store/room-customers.ts';
import {
  insertValidatedCustomer,
  requireCustomer,
  validateNewCustomer,
  type CustomerInput,
} from './customers.ts';
import { insertValidatedDocument, validateDocument, type DocumentInput } from './documents.ts';
import { conflict, notFound } from './errors.ts';
import { refuseStandIn } from './erased-stand-in.ts';
import { emit } from './events.ts';
import { headCount } from './pricing.ts';
import { lockReservation, type ReservationRef } from './reservations.ts';
import type { Scope } from './tenants.ts';
import { nowIsoOf } from './clock.ts';

/** The guests of a reservation's rooms and their stay: not arrived → checked in → checked out. */
export type StayAction = 'checkin' | 'checkout' | 'undo_checkin' | 'undo_checkout';

interface StayRule {
  ready(c: RoomCustomerRow): boolean;
  change(at: string): { checkin?: string | null; checkout?: string | null };
  refused: string;
  event:
    | 'reservation.checked_in'
    | 'reservation.checked_out'
    | 'reservation.checkin_undone'
    | 'reservation.checkout_undone';
}

const inHouse = (c: RoomCustomerRow) => c.checkin !== null && c.checkout === null;
const RULES: Record<StayAction, StayRule> = {
  checkin: {
    ready: (c) => c.checkin === null,
    change: (at) => ({ checkin: at }),
    refused: 'already checked in',
    event: 'reservation.checked_in',
  },
  checkout: {
    ready: inHouse,
    change: (at) => ({ checkout: at }),
    refused: 'not checked in, or already checked out',
    event: 'reservation.checked_out',
  },
  undo_checkin: {
    ready: inHouse,
    change: () => ({ checkin: null }),
    refused: 'not checked in, or already checked out',
    event: 'reservation.checkin_undone',
  },
  undo_checkout: {
    ready: (c) => c.checkout !== null,
    change: () => ({ checkout: null }),
    refused: 'not checked out',
    event: 'reservation.checkout_undone',
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
  await inTransaction(db, async (trx) => {
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
    const ids = [...new Set(selected.map((c) => c.id))];
    await setStay(trx, scope.tenantId, ids, rule.change(nowIsoOf(scope)));
    await emit(trx, scope.tenantId, rule.event, { reservation: reservation.id, room_customers: ids });
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
  return inTransaction(db, async (trx) => {
    const { reservation } = await roomWithSpace(trx, scope, ref, roomId);
    const customerId = await insertValidatedCustomer(trx, scope, fields);
    await insertValidatedDocument(trx, scope, customerId, doc);
    const roomCustomerId = await placeGuest(trx, scope, reservation.id, roomId, customerId);
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
  return inTransaction(db, async (trx) => {
    await requireCustomer(trx, scope, customerId);
    await refuseStandIn(trx, scope.tenantId, [customerId], 'it is bound to no room');
    const { reservation } = await roomWithSpace(trx, scope, ref, roomId, customerId);
    return placeGuest(trx, scope, reservation.id, roomId, customerId);
  });
}

/** Inside the transaction: the customer becomes a guest of the room. */
async function placeGuest(trx: Db, scope: Scope, reservationId: number, roomId: number, customerId: number) {
  const roomCustomerId = await insertRoomCustomer(trx, {
    tenant_id: scope.tenantId,
    reservation_id: reservationId,
    reservation_room_id: roomId,
    customer_id: customerId,
  });
  await emit(trx, scope.tenantId, 'reservation.guest_added', {
    reservation: reservationId,
    reservation_room: roomId,
    room_customer: roomCustomerId,
    customer: customerId,
  });
  return roomCustomerId;
}
