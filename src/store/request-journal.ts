import type { Db } from './db.ts';
import type { RequestJournalTable } from './schema/sandbox.ts';
import { inTransaction } from './transaction.ts';

export type JournalRow = Omit<RequestJournalTable, 'id'> & { id: number };
export type NewJournalRow = Omit<JournalRow, 'id'>;

export interface JournalFilter {
  dialect?: string;
  call?: string;
  status?: number;
  /** ISO timestamp: entries at or after it. */
  since?: string;
  /** Entries with a greater id (the CLI's --follow). */
  afterId?: number;
}

const CHUNK = 200;

/**
 * A node's batch of journal entries, in one transaction: the rows, then each of their tenants' journal trimmed to
 * its newest `keep` entries.
 */
export async function appendJournal(db: Db, rows: NewJournalRow[], keep: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    for (let i = 0; i < rows.length; i += CHUNK)
      await trx
        .insertInto('request_journal')
        .values(rows.slice(i, i + CHUNK))
        .execute();
    for (const tenantId of new Set(rows.map((r) => r.tenant_id))) await trimJournal(trx, tenantId, keep);
  });
}

/** Keeps a tenant's newest `keep` entries. */
async function trimJournal(db: Db, tenantId: number, keep: number): Promise<void> {
  const boundary = await db
    .selectFrom('request_journal')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .orderBy('id', 'desc')
    .limit(1)
    .offset(keep)
    .executeTakeFirst();
  if (!boundary) return;
  await db
    .deleteFrom('request_journal')
    .where('tenant_id', '=', tenantId)
    .where('id', '<=', boundary.id)
    .execute();
}

function filtered(db: Db, tenantId: number, f: JournalFilter) {
  let query = db.selectFrom('request_journal').where('tenant_id', '=', tenantId);
  if (f.dialect !== undefined) query = query.where('dialect', '=', f.dialect);
  if (f.call !== undefined) query = query.where('call', '=', f.call);
  if (f.status !== undefined) query = query.where('status', '=', f.status);
  if (f.since !== undefined) query = query.where('at', '>=', f.since);
  if (f.afterId !== undefined) query = query.where('id', '>', f.afterId);
  return query;
}

/** Newest first; oldest first with `afterId` (what a follower prints next). */
export async function listJournal(
  db: Db,
  tenantId: number,
  f: JournalFilter,
  limit: number,
): Promise<JournalRow[]> {
  const rows = await filtered(db, tenantId, f)
    .selectAll()
    .orderBy('id', f.afterId === undefined ? 'desc' : 'asc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    status: Number(r.status),
    duration_ms: Number(r.duration_ms),
  }));
}

export async function countJournal(db: Db, tenantId: number, f: JournalFilter): Promise<number> {
  const row = await filtered(db, tenantId, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function clearJournal(db: Db, tenantId: number): Promise<number> {
  const result = await db.deleteFrom('request_journal').where('tenant_id', '=', tenantId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteJournalEntries(db: Db, tenantId: number, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK)
    await db
      .deleteFrom('request_journal')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
}
