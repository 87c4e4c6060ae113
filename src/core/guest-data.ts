import { listCardsOfCustomers } from '../store/cards.ts';
import type { Db } from '../store/db.ts';
import * as store from '../store/guest-data.ts';
import {
  getCustomerWithDocuments,
  insertValidatedCustomer,
  requireCustomer,
  validateNewCustomer,
} from './customers.ts';
import { nowIso } from './dates.ts';
import { getReservation, type ReservationView } from './reservations.ts';
import type { Scope } from './tenants.ts';

// A data subject's requests: everything Clientele holds about a person, and its erasure.

/** What an erased customer becomes on the rows accounting keeps: an anonymous customer, one per erasure. */
export const ERASED = { name: 'Erased', surname: 'Customer' } as const;

export interface CustomerExport {
  exported_at: string;
  customer: Awaited<ReturnType<typeof getCustomerWithDocuments>>['customer'];
  /** Decrypted: the person asked for their data. */
  documents: Awaited<ReturnType<typeof getCustomerWithDocuments>>['documents'];
  /** Reservations they booked or stayed in. */
  reservations: ReservationView[];
  cards: Awaited<ReturnType<typeof listCardsOfCustomers>>;
}

export async function exportCustomer(db: Db, scope: Scope, id: number): Promise<CustomerExport> {
  const { customer, documents } = await getCustomerWithDocuments(db, scope, id);
  const reservationIds = await store.reservationIdsOfCustomer(db, scope.tenantId, id);
  const reservations: ReservationView[] = [];
  for (const reservationId of reservationIds)
    reservations.push(await getReservation(db, scope, { id: reservationId }));
  const cards = await listCardsOfCustomers(db, scope.tenantId, [id]);
  return { exported_at: nowIso(), customer, documents, reservations, cards };
}

/**
 * Erases a person in one transaction: an anonymous customer takes their place as booker, room guest and card
 * holder (reservations, totals, payments and cards stay whole for the accounts), then their documents and their
 * row are deleted, so every dialect answers their id as a missing one. Returns the anonymous customer's id.
 */
export async function eraseCustomer(db: Db, scope: Scope, id: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await requireCustomer(trx, scope, id);
    const anonymous = await insertValidatedCustomer(trx, scope, validateNewCustomer({ ...ERASED }));
    await store.repointCustomer(trx, scope.tenantId, id, anonymous);
    await store.deleteCustomerAndDocuments(trx, scope.tenantId, id);
    return anonymous;
  });
}
