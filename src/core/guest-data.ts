import { inTransaction } from '../store/transaction.ts';
import { listCardsOfCustomers } from '../store/cards.ts';
import type { Db } from '../store/db.ts';
import * as store from '../store/guest-data.ts';
import { updateCustomer as updateCustomerRow, type CustomerRow } from '../store/customers.ts';
import {
  COUNTRY_FIELDS,
  getCustomerWithDocuments,
  insertValidatedCustomer,
  requireCustomer,
  TEXT_FIELDS,
  validateNewCustomer,
  type Customer,
} from './customers.ts';
import { forgetOpened } from './document-seal.ts';
import { invalid } from './errors.ts';
import { emit, eraseValuesFromEvents, eventsAboutCustomer, type EventView } from './events.ts';
import { forgetPerson, journalNaming, type JournalEntry } from './journal.ts';
import type { PersonMarks } from './journal-naming.ts';
import { phoneKey } from './phones.ts';
import { nowIso } from './dates.ts';
import { getReservation, type ReservationView } from './reservations.ts';
import { getTenant, type Scope } from './tenants.ts';

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
  /** The sandbox's request journal entries that name them (empty with the journal off). */
  journal: JournalEntry[];
  /** The events about them (their `customer`), as webhooks were sent them. */
  events: EventView[];
}

/** How the journal names a person: their id, their e-mail, their phone as written and in E.164. */
function marksOf(scope: Scope, customer: Pick<Customer, 'id' | 'email' | 'phone'>): PersonMarks {
  const key = phoneKey(customer.phone, scope.country);
  return { id: customer.id, email: customer.email, phones: [customer.phone, key && `+${key}`] };
}

export async function exportCustomer(db: Db, scope: Scope, id: number): Promise<CustomerExport> {
  const { customer, documents } = await getCustomerWithDocuments(db, scope, id);
  const reservationIds = await store.reservationIdsOfCustomer(db, scope.tenantId, id);
  const reservations: ReservationView[] = [];
  for (const reservationId of reservationIds)
    reservations.push(await getReservation(db, scope, { id: reservationId }));
  const cards = await listCardsOfCustomers(db, scope.tenantId, [id]);
  const journal = await journalNaming(db, scope.tenantId, marksOf(scope, customer));
  const events = await eventsAboutCustomer(db, scope.tenantId, id);
  return { exported_at: nowIso(), customer, documents, reservations, cards, journal, events };
}

/**
 * Erases a person in one transaction: an anonymous customer takes their place as booker, room guest and card
 * holder (reservations, totals, payments and cards stay whole for the accounts), then their documents, their row
 * and the journal entries naming them are deleted, so every dialect answers their id as a missing one. Returns the
 * anonymous customer's id.
 */
export async function eraseCustomer(db: Db, scope: Scope, id: number): Promise<number> {
  const anonymous = await inTransaction(db, async (trx) => {
    await store.lockCustomers(trx, scope.tenantId, [id]);
    const person = await requireCustomer(trx, scope, id);
    await forgetPerson(trx, scope.tenantId, marksOf(scope, person));
    const anonymous = await insertValidatedCustomer(trx, scope, validateNewCustomer({ ...ERASED }));
    await store.repointCustomer(trx, scope.tenantId, id, anonymous);
    await store.deleteCustomerAndDocuments(trx, scope.tenantId, id);
    await eraseValuesFromEvents(trx, scope.tenantId, id);
    await emit(trx, scope.tenantId, 'customer.erased', { customer: id, replaced_by: anonymous });
    return anonymous;
  });
  forgetOpened();
  return anonymous;
}

export const DUPLICATE_REASONS = ['email', 'phone', 'document', 'name_birthday'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export interface DuplicateGroup {
  reason: DuplicateReason;
  /** The shared e-mail or phone key; none for a document (its blind index says nothing) or a name. */
  value: string | null;
  customers: number[];
}

/** Likely duplicates: customers sharing an e-mail, a phone (E.164), a document, or name, surname and birthday. */
export async function findDuplicates(db: Db, scope: Scope, limit = 500): Promise<DuplicateGroup[]> {
  await getTenant(db, scope.tenantId);
  const groups: DuplicateGroup[] = [];
  for (const reason of DUPLICATE_REASONS) {
    const byKey = new Map<string, DuplicateGroup>();
    for (const row of await store.duplicateRows(db, scope.tenantId, reason, limit)) {
      const group = byKey.get(row.key);
      if (group) group.customers.push(row.id);
      else {
        const value = reason === 'email' || reason === 'phone' ? row.key : null;
        byKey.set(row.key, { reason, value, customers: [row.id] });
      }
    }
    // A group cut by the limit may hold one customer: it is no duplicate to show.
    groups.push(...[...byKey.values()].filter((g) => g.customers.length > 1));
  }
  return groups;
}

/** The fields a merge compares and fills: the person's data, not the lookup keys or bookkeeping columns. */
const MERGED_FIELDS = [
  ...TEXT_FIELDS,
  ...COUNTRY_FIELDS,
  'gender',
  'birthday',
] as const satisfies ReadonlyArray<keyof Customer>;

export interface MergeReport {
  source: number;
  target: number;
  dry_run: boolean;
  moves: Awaited<ReturnType<typeof store.mergeCounts>> & { external_id: boolean };
  /** Fields the target lacks and takes from the source. */
  filled: string[];
  /** Fields both hold with different values: the target's is kept. */
  conflicts: Array<{ field: string; source: unknown; target: unknown }>;
}

/**
 * Merges `source` into `target` (same tenant): the source's reservations, room stays, documents and cards move to
 * the target, the target's empty fields take the source's values (the target's win where both differ: reported as
 * conflicts), and the source is deleted, so its id then answers as a missing one in every dialect. With `dryRun`,
 * only the report.
 */
export async function mergeCustomers(
  db: Db,
  scope: Scope,
  source: number,
  target: number,
  dryRun: boolean,
): Promise<MergeReport> {
  if (source === target) throw invalid('a customer cannot be merged into itself', 'target');
  const plan = async (trx: Db) => {
    const from = await requireCustomer(trx, scope, source);
    const into = await requireCustomer(trx, scope, target);
    const filled = MERGED_FIELDS.filter((f) => into[f] === null && from[f] !== null);
    const conflicts = MERGED_FIELDS.filter(
      (f) => into[f] !== null && from[f] !== null && into[f] !== from[f],
    ).map((field) => ({ field, source: from[field], target: into[field] }));
    const moves = {
      ...(await store.mergeCounts(trx, scope.tenantId, source)),
      external_id: filled.includes('external_id'),
    };
    return { from, into, filled, conflicts, moves };
  };
  const report = (p: Awaited<ReturnType<typeof plan>>): MergeReport => ({
    source,
    target,
    dry_run: dryRun,
    moves: p.moves,
    filled: p.filled,
    conflicts: p.conflicts,
  });
  if (dryRun) return report(await plan(db));
  return inTransaction(db, async (trx) => {
    await store.lockCustomers(trx, scope.tenantId, [source, target]);
    const p = await plan(trx);
    const fill = Object.fromEntries(p.filled.map((f) => [f, p.from[f]]));
    // The lookup keys go with the values they key.
    if ('email' in fill) Object.assign(fill, { email_key: (p.from as CustomerRow).email_key });
    if ('phone' in fill) Object.assign(fill, { phone_key: (p.from as CustomerRow).phone_key });
    // The external id is unique in the tenant: the source lets go of it before the target takes it.
    if ('external_id' in fill) await updateCustomerRow(trx, scope.tenantId, source, { external_id: null });
    await store.moveCustomerRows(trx, scope.tenantId, source, target);
    await emit(trx, scope.tenantId, 'customer.merged', { source, target });
    if (Object.keys(fill).length) {
      await updateCustomerRow(trx, scope.tenantId, target, {
        ...fill,
        updated_at: nowIso(),
        updated_by: scope.keyId,
      });
    }
    return report(p);
  });
}
