import type { CallTable } from './call.ts';
import { customerCalls } from './customers.ts';
import { inventoryCalls, propertyCalls } from './property.ts';
import { reservationCalls } from './reservations.ts';
import { customerReply } from './customer-schema.ts';
import { reservationPageReply, reservationReply } from './reservation-schema.ts';

/** Every call group under /kp/<group>/<call>. */
export const groups: Record<string, CallTable> = {
  customers: customerCalls,
  reservations: reservationCalls,
  property: propertyCalls,
  inventory: inventoryCalls,
};

/** The schemas of the successful replies (`group/name`) that are serialised from one: see reservation-schema.ts. */
export const REPLY_SCHEMAS: Readonly<Record<string, object>> = {
  'customers/fetch_one': customerReply,
  'reservations/fetch_reservations': reservationPageReply,
  'reservations/fetch_today_reservations': reservationPageReply,
  'reservations/fetch_one_reservation': reservationReply,
};
