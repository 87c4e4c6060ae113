import { getDoorCodes, setDoorCodes } from '../../core/doors.ts';
import { addExtra, deleteExtra, listExtras } from '../../core/extras.ts';
import { addMeal, deleteMeal, listMeals } from '../../core/meals.ts';
import { addRoomCustomer, bindRoomCustomer, changeStay, type StayAction } from '../../core/room-customers.ts';
import { getReservation, listReservations, todayReservations } from '../../core/reservations.ts';
import { createReservation } from '../../core/booking.ts';
import type { CallTable, ZakCall } from './call.ts';
import { customerInput, documentInput } from './customer-input.ts';
import {
  doorCodesInput,
  extraInput,
  mealInput,
  newReservationInput,
  reservationFilters,
  reservationId,
  reservationRef,
  roomCustomerIds,
} from './reservation-input.ts';
import { renderExtra, renderMeal, renderReservation } from './reservation-render.ts';
import { jsonObject, requiredId, text } from './params.ts';

const SUCCESS = { success: 'true' };

function stayCall(action: StayAction, withIds: boolean): ZakCall {
  return async ({ db, scope, params }) => {
    // `all` (any non-empty text) and no ids both mean every room customer of the reservation.
    const all = (text(params, 'all') ?? '') !== '';
    const ids = withIds && !all ? roomCustomerIds(params) : undefined;
    await changeStay(db, scope, reservationRef(params), action, ids);
    return SUCCESS;
  };
}

export const reservationCalls: CallTable = {
  new: async ({ db, scope, params }) => {
    const created = await createReservation(db, scope, newReservationInput(params));
    return { id: created.code, rsrvid: created.id };
  },

  fetch_one_reservation: async ({ db, scope, params }) =>
    renderReservation(await getReservation(db, scope, reservationRef(params))),

  fetch_reservations: async ({ db, scope, params }) => {
    const { filter, pager } = reservationFilters(params);
    const page = await listReservations(db, scope, filter, pager);
    return { reservations: page.map(renderReservation) };
  },

  fetch_today_reservations: async ({ db, scope }) => ({
    reservations: (await todayReservations(db, scope)).map(renderReservation),
  }),

  do_checkin: stayCall('checkin', true),
  do_checkout: stayCall('checkout', true),
  undo_checkin: stayCall('undo_checkin', true),
  undo_checkout: stayCall('undo_checkout', true),

  add_customer: async ({ db, scope, params }) => {
    const added = await addRoomCustomer(
      db,
      scope,
      reservationRef(params),
      requiredId(params, 'reservation_room_id'),
      customerInput(jsonObject(params, 'custdata')),
      documentInput(jsonObject(params, 'docdata')),
    );
    return {
      customer_id: String(added.customerId),
      reservation_room_customer_id: String(added.roomCustomerId),
    };
  },

  bind_customer: async ({ db, scope, params }) => {
    const roomId = requiredId(params, 'reservation_room_id');
    await bindRoomCustomer(db, scope, reservationRef(params), roomId, requiredId(params, 'customer_id'));
    return null;
  },

  get_meals: async ({ db, scope, params }) => {
    const { reservation, meals } = await listMeals(db, scope, reservationId(params));
    return meals.map((m) => renderMeal(m, reservation.currency));
  },

  add_meal: async ({ db, scope, params }) => addMeal(db, scope, reservationId(params), mealInput(params)),

  del_meal: async ({ db, scope, params }) => {
    await deleteMeal(db, scope, reservationId(params), requiredId(params, 'fmid'));
    return null;
  },

  get_extras: async ({ db, scope, params }) => {
    const { reservation, extras } = await listExtras(db, scope, reservationId(params));
    return extras.map((e) => renderExtra(e, reservation.currency));
  },

  add_extra: async ({ db, scope, params }) => addExtra(db, scope, reservationId(params), extraInput(params)),

  del_extra: async ({ db, scope, params }) => {
    await deleteExtra(db, scope, reservationId(params), requiredId(params, 'rexid'));
    return null;
  },

  get_doors_codes: async ({ db, scope, params }) =>
    (await getDoorCodes(db, scope, reservationRef(params))).map((d) => ({
      zak_reservation_room_id: d.reservationRoomId,
      door_code: d.code === null ? null : { code: d.code },
    })),

  set_doors_codes: async ({ db, scope, params }) => {
    await setDoorCodes(db, scope, reservationRef(params), doorCodesInput(params));
    return null;
  },
};
