import type { Db } from '../store/db.ts';
import * as store from '../store/request-journal.ts';
import { isIsoDate } from './dates.ts';
import { invalid } from './errors.ts';
import { entryNamesPerson, type PersonMarks } from './journal-naming.ts';
import { getTenant } from './tenants.ts';

/** The request journal as the admin API and the CLI read it (written by src/sandbox/journal.ts). */
export interface JournalQuery {
  /** `dialect:call` (`zak:reservations/new`) or a dialect alone (`zak`). */
  call?: string;
  status?: number;
  /** An ISO timestamp: requests at or after it. */
  since?: string;
  afterId?: number;
}

/** An entry as stored: the store's row (store/request-journal.ts). */
export type JournalEntry = store.JournalRow;

function filterOf(q: JournalQuery): store.JournalFilter {
  const filter: store.JournalFilter = { status: q.status, afterId: q.afterId };
  if (q.call !== undefined) {
    const colon = q.call.indexOf(':');
    filter.dialect = colon < 0 ? q.call : q.call.slice(0, colon);
    if (colon >= 0) filter.call = q.call.slice(colon + 1);
  }
  if (q.since !== undefined) {
    const at = Date.parse(q.since);
    // Date.parse reads 2030-02-30 as 2 March: the day written must be one of the calendar's.
    if (Number.isNaN(at) || !isIsoDate(q.since.slice(0, 10)))
      throw invalid(`since must be an ISO timestamp, got ${JSON.stringify(q.since)}`, 'since');
    filter.since = new Date(at).toISOString();
  }
  return filter;
}

export async function journalEntries(db: Db, tenantId: number, q: JournalQuery, limit: number) {
  await getTenant(db, tenantId);
  return store.listJournal(db, tenantId, filterOf(q), limit);
}

export async function journalCount(db: Db, tenantId: number, q: JournalQuery): Promise<number> {
  await getTenant(db, tenantId);
  return store.countJournal(db, tenantId, filterOf(q));
}

export async function clearJournal(db: Db, tenantId: number): Promise<number> {
  await getTenant(db, tenantId);
  return store.clearJournal(db, tenantId);
}

/** More than any tenant's journal holds: JOURNAL_SIZE is at most 1,000,000 (a bound, not a setting). */
const WHOLE_JOURNAL = 1_000_000;

/** The entries of a tenant's journal that name a person (core/journal-naming.ts), newest first. */
export async function journalNaming(db: Db, tenantId: number, person: PersonMarks): Promise<JournalEntry[]> {
  const entries = await store.listJournal(db, tenantId, {}, WHOLE_JOURNAL);
  return entries.filter((e) => entryNamesPerson(e, person));
}

/** An erasure's part (in its transaction): the entries naming the person go. */
export async function forgetPerson(db: Db, tenantId: number, person: PersonMarks): Promise<void> {
  const named = await journalNaming(db, tenantId, person);
  await store.deleteJournalEntries(
    db,
    tenantId,
    named.map((e) => e.id),
  );
}
