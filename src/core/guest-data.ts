import { inTransaction } from '../store/transaction.ts';
import { listCardsOfCustomers } from '../store/cards.ts';
import { mergedInto as storeMergedInto } from '../store/outbox.ts';
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
import { refuseStandIn } from './erased-stand-in.ts';
import { invalid } from './errors.ts';
import { emit, eraseValuesFromEvents, eventsAboutCustomer, publicValues, type EventView } from './events.ts';
import { forgetPerson, journalNaming, type JournalEntry } from './journal.ts';
import { partsNamingOthers, type EntryPart, type OwnMarks, type PersonMarks } from './journal-naming.ts';
import { fromCents } from './money.ts';
import { keyAsE164, phoneKey } from './phones.ts';
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
  /** Their virtpos bonus balance (what the shop owes them), in cents. */
  bonus_balance_cents: number;
  /**
   * The sandbox's request journal entries that name them (empty with the journal off), each part naming someone
   * else withheld.
   */
  journal: ExportedEntry[];
  /** The events about them (their `customer`), as webhooks were sent them. */
  events: EventView[];
}

/** What stands in an exported journal entry for a part (path, request or reply body) that names others. */
export const WITHHELD = '[withheld: names other customers]';

/** A journal entry as an export gives it: `withheld` lists the parts replaced by WITHHELD (none: kept whole). */
export type ExportedEntry = JournalEntry & { withheld: EntryPart[] };

/**
 * How the journal names a person: their id and the ids of the customers merged into them, their e-mail, their
 * phone as written and in E.164.
 */
function marksOf(
  scope: Scope,
  customer: Pick<Customer, 'id' | 'email' | 'phone'>,
  formerIds: number[],
): PersonMarks {
  const key = phoneKey(customer.phone, scope.country);
  return { id: customer.id, formerIds, email: customer.email, phones: [customer.phone, key && `+${key}`] };
}

/**
 * The customers merged into `id`, and into those, and so on (A merged into B, B into C: both for C). A merge's
 * source was the same person, so its events and journal entries are theirs: an export lists them and an erasure
 * takes them too.
 */
async function formerIdsOf(db: Db, tenantId: number, id: number): Promise<number[]> {
  const found = new Set<number>();
  for (let next = [id]; next.length;) {
    next = (await storeMergedInto(db, tenantId, next)).filter(
      (source) => source !== id && !found.has(source),
    );
    for (const source of next) found.add(source);
  }
  return [...found].sort((a, b) => a - b);
}

export async function exportCustomer(db: Db, scope: Scope, id: number): Promise<CustomerExport> {
  const { customer, documents } = await getCustomerWithDocuments(db, scope, id);
  const reservationIds = await store.reservationIdsOfCustomer(db, scope.tenantId, id);
  const reservations: ReservationView[] = [];
  for (const reservationId of reservationIds)
    reservations.push(await getReservation(db, scope, { id: reservationId }));
  const cards = await listCardsOfCustomers(db, scope.tenantId, [id]);
  const formerIds = await formerIdsOf(db, scope.tenantId, id);
  const named = await journalNaming(db, scope.tenantId, marksOf(scope, customer, formerIds));
  const events = await eventsAboutCustomer(db, scope.tenantId, [id, ...formerIds]);
  const journal = withholdOthers(scope, named, ownMarks(scope, customer, formerIds, events));
  const { bonus_balance_cents } = await store.loyaltyOf(db, scope.tenantId, id);
  return {
    exported_at: nowIso(),
    customer,
    documents,
    reservations,
    cards,
    bonus_balance_cents,
    journal,
    events,
  };
}

/**
 * Everything the person was known by: their ids, and every e-mail and phone they (and the customers merged into
 * them) had, as they are now and as their events recorded them when made and changed.
 */
function ownMarks(
  scope: Scope,
  customer: Pick<Customer, 'id' | 'email' | 'phone'>,
  formerIds: number[],
  events: EventView[],
): OwnMarks {
  const emails = [customer.email];
  const phones = [customer.phone];
  for (const event of events) {
    const data = event.data as { fields?: Record<string, unknown>; changes?: Record<string, unknown> };
    const values = data.fields ?? data.changes ?? {};
    if (typeof values.email === 'string') emails.push(values.email);
    if (typeof values.phone === 'string') phones.push(values.phone);
  }
  return {
    ids: [customer.id, ...formerIds],
    emails: emails.filter((e): e is string => !!e),
    phoneKeys: phones.map((p) => phoneKey(p, scope.country)).filter((k): k is string => !!k),
  };
}

/**
 * A data subject's access must not disclose others (GDPR art. 15(4)): an entry keeps its time, dialect, call,
 * method, status and duration, and each part (path, request body, reply body) that names someone else is replaced
 * by WITHHELD and listed in `withheld`.
 */
function withholdOthers(scope: Scope, entries: JournalEntry[], own: OwnMarks): ExportedEntry[] {
  const keyOf = (phone: string) => phoneKey(phone, scope.country);
  return entries.map((entry) => {
    const withheld = partsNamingOthers(entry, own, keyOf);
    const parts = Object.fromEntries(withheld.map((part) => [part, WITHHELD]));
    return { ...entry, ...parts, withheld };
  });
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
    await refuseStandIn(trx, scope.tenantId, [id], "it holds no one's data to erase");
    const formerIds = await formerIdsOf(trx, scope.tenantId, id);
    await forgetPerson(trx, scope.tenantId, marksOf(scope, person, formerIds));
    const anonymous = await insertValidatedCustomer(trx, scope, validateNewCustomer({ ...ERASED }));
    await store.markStandIn(trx, scope.tenantId, anonymous);
    // Their sales and bonus balance are the shop's accounts (what it sold, what it owes): the anonymous customer
    // holds them, as it holds their cards.
    const loyalty = await store.loyaltyOf(trx, scope.tenantId, id);
    if (loyalty.accumulated_sales_cents || loyalty.bonus_balance_cents) {
      await store.setLoyalty(trx, scope.tenantId, anonymous, loyalty);
    }
    await store.repointCustomer(trx, scope.tenantId, id, anonymous);
    await store.deleteCustomerAndDocuments(trx, scope.tenantId, id);
    await eraseValuesFromEvents(trx, scope.tenantId, [id, ...formerIds]);
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
  /**
   * The shared e-mail, or phone in E.164 (its key's digits when the number is not valid); none for a document (its
   * blind index says nothing) or a name.
   */
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
        const value = reason === 'email' ? row.key : reason === 'phone' ? keyAsE164(row.key) : null;
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
  moves: Awaited<ReturnType<typeof store.mergeCounts>> & {
    external_id: boolean;
    /** The source's accumulated sales and bonus balance, added to the target's. */
    accumulated_sales: number;
    bonus_balance: number;
  };
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
    // An erased person's anonymous customer is nobody: merged, it would tie their accounts to someone.
    await refuseStandIn(trx, scope.tenantId, [source, target], 'it cannot be merged');
    const filled = MERGED_FIELDS.filter((f) => into[f] === null && from[f] !== null);
    const conflicts = MERGED_FIELDS.filter(
      (f) => into[f] !== null && from[f] !== null && into[f] !== from[f],
    ).map((field) => ({ field, source: from[field], target: into[field] }));
    const loyalty = {
      from: await store.loyaltyOf(trx, scope.tenantId, source),
      into: await store.loyaltyOf(trx, scope.tenantId, target),
    };
    const moves = {
      ...(await store.mergeCounts(trx, scope.tenantId, source)),
      external_id: filled.includes('external_id'),
      accumulated_sales: fromCents(loyalty.from.accumulated_sales_cents),
      bonus_balance: fromCents(loyalty.from.bonus_balance_cents),
    };
    return { from, into, filled, conflicts, moves, loyalty };
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
    // The person's sales and bonus balance are the sum of what both held.
    const { from, into } = p.loyalty;
    const summed = {
      accumulated_sales_cents: into.accumulated_sales_cents + from.accumulated_sales_cents,
      bonus_balance_cents: into.bonus_balance_cents + from.bonus_balance_cents,
    };
    const added = from.accumulated_sales_cents !== 0 || from.bonus_balance_cents !== 0;
    if (added) await store.setLoyalty(trx, scope.tenantId, target, summed);
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
    // What the target took is a change of the target, told as every change is (a receiver keeping a copy of it).
    const changes = { ...publicValues(fill), ...(added ? summed : {}) };
    if (Object.keys(changes).length)
      await emit(trx, scope.tenantId, 'customer.updated', { customer: target, changes });
    return report(p);
  });
}
