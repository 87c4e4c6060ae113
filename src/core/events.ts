import type { Db } from '../store/db.ts';
import { appendEvent, eventsOfCustomer, setEventData } from '../store/outbox.ts';
import { nowIso } from './dates.ts';

/**
 * The events Clientele's writes emit, each appended to the outbox inside the write's own transaction (see
 * docs/webhooks.md, which documents every type and field). `data` names what changed by id and carries the
 * changed values, never a secret (password, key, door code) nor an identity document's number.
 */
type Values = Record<string, unknown>;
type StayChange = { reservation: number; room_customers: number[] };

export interface EventData {
  'customer.created': { customer: number; fields: Values };
  'customer.updated': { customer: number; changes: Values };
  'customer.document_saved': { customer: number; doc_type: string; doc_country: string };
  'customer.erased': { customer: number; replaced_by: number };
  'customer.merged': { source: number; target: number };
  'reservation.created': {
    reservation: number;
    code: string;
    status: string;
    booker: number;
    arrival: string;
    departure: string;
    rooms: number[];
  };
  'reservation.status_changed': { reservation: number; code: string; old_status: string; new_status: string };
  'reservation.checked_in': StayChange;
  'reservation.checked_out': StayChange;
  'reservation.checkin_undone': StayChange;
  'reservation.checkout_undone': StayChange;
  'reservation.guest_added': {
    reservation: number;
    reservation_room: number;
    room_customer: number;
    customer: number;
  };
  'reservation.meal_added': {
    reservation: number;
    meal: number;
    day: string;
    mtype: string;
    mnumber: number;
    times: number;
    total_cents: number;
  };
  'reservation.meal_removed': { reservation: number; meal: number };
  'reservation.extra_added': {
    reservation: number;
    extra: number;
    name: string;
    number: number;
    daily: boolean;
    day: string | null;
    total_cents: number;
  };
  'reservation.extra_removed': { reservation: number; extra: number };
  'reservation.payment_added': {
    reservation: number;
    payment: number;
    amount_cents: number;
    currency: string;
    pay_type: string;
    day: string;
  };
  'reservation.note_added': { reservation: number; note: number; remarks: string };
  'reservation.note_changed': { reservation: number; note: number; remarks: string };
  'reservation.door_codes_changed': { reservation: number; reservation_rooms: number[] };
  'card.created': { card: number; fields: Values };
  'card.updated': { card: number; changes: Values };
  'card.deleted': { card: number };
  'agency.created': { agency: number; owner: number; code: string; name: string };
  'agency.enabled': { agency: number };
  'agency.disabled': { agency: number };
  'agency.user_changed': { agency: number; user_login: string; foreign_code: string };
}

export type EventType = keyof EventData;

const TYPES: { [T in EventType]: true } = {
  'customer.created': true,
  'customer.updated': true,
  'customer.document_saved': true,
  'customer.erased': true,
  'customer.merged': true,
  'reservation.created': true,
  'reservation.status_changed': true,
  'reservation.checked_in': true,
  'reservation.checked_out': true,
  'reservation.checkin_undone': true,
  'reservation.checkout_undone': true,
  'reservation.guest_added': true,
  'reservation.meal_added': true,
  'reservation.meal_removed': true,
  'reservation.extra_added': true,
  'reservation.extra_removed': true,
  'reservation.payment_added': true,
  'reservation.note_added': true,
  'reservation.note_changed': true,
  'reservation.door_codes_changed': true,
  'card.created': true,
  'card.updated': true,
  'card.deleted': true,
  'agency.created': true,
  'agency.enabled': true,
  'agency.disabled': true,
  'agency.user_changed': true,
};

/** Every event type, from the one table the compiler checks against EventData. */
export const EVENT_TYPES: readonly EventType[] = Object.keys(TYPES) as EventType[];

export const isEventType = (value: string): value is EventType => Object.hasOwn(TYPES, value);

/**
 * Appends an event to the outbox. Only inside the write's transaction: the event then exists exactly when the
 * write does, whatever happens to the process after the commit.
 */
export async function emit<T extends EventType>(
  trx: Db,
  tenantId: number,
  type: T,
  data: EventData[T],
): Promise<void> {
  if (!trx.isTransaction) throw new Error(`event ${type} emitted outside the write's transaction`);
  await appendEvent(trx, { tenant_id: tenantId, type, data: JSON.stringify(data), created_at: nowIso() });
}

/** The values of changed columns fit for an event: none of the store's derived search keys. */
export function publicValues(changes: object): Values {
  return Object.fromEntries(Object.entries(changes).filter(([key]) => !key.endsWith('_key')));
}

/** The events whose data carries a person's values, and that data with the values taken out. */
const PERSONAL_VALUES: { [T in EventType]?: (data: EventData[T]) => EventData[T] } = {
  'customer.created': (data) => ({ ...data, fields: {} }),
  'customer.updated': (data) => ({ ...data, changes: {} }),
};

/**
 * Inside an erasure's transaction: the customer's events keep their type, ids and time, but no longer the values
 * they carried (a webhook delivery still pending sends them so).
 */
export async function eraseValuesFromEvents(trx: Db, tenantId: number, customerIds: number[]): Promise<void> {
  const types = Object.keys(PERSONAL_VALUES) as EventType[];
  for (const event of await eventsOfCustomer(trx, tenantId, customerIds, types)) {
    const emptied = PERSONAL_VALUES[event.type as EventType] as (data: unknown) => unknown;
    await setEventData(trx, event.id, JSON.stringify(emptied(JSON.parse(event.data))));
  }
}

/** An event as an export shows it: its data parsed. */
export interface EventView {
  id: number;
  type: EventType;
  data: unknown;
  created_at: string;
}

/** The events whose data names one of the customer ids as its `customer` (an export's part), oldest first. */
export async function eventsAboutCustomer(
  db: Db,
  tenantId: number,
  customerIds: number[],
): Promise<EventView[]> {
  const rows = await eventsOfCustomer(db, tenantId, customerIds);
  return rows.map((e) => ({
    id: e.id,
    type: e.type as EventType,
    data: JSON.parse(e.data),
    created_at: e.created_at,
  }));
}
