import type { Selectable } from 'kysely';
import type { Db } from './db.ts';
import type { SandboxFaultTable } from './schema/sandbox.ts';

/** A rule as read: the table's row, its status null rather than the 0 stored for a rule with none (it delays or drops). */
export type FaultRow = Omit<Selectable<SandboxFaultTable>, 'status'> & { status: number | null };

const toRow = (r: Record<string, unknown>): FaultRow => ({
  id: Number(r.id),
  tenant_id: Number(r.tenant_id),
  call: String(r.call),
  status: r.status === null || Number(r.status) === 0 ? null : Number(r.status),
  body: r.body as string | null,
  latency_ms: Number(r.latency_ms),
  probability: Number(r.probability),
  times_left: r.times_left === null ? null : Number(r.times_left),
  reset: Number(r.reset),
  created_at: String(r.created_at),
});

/** A tenant's rules, oldest first (the first that matches a request applies), spent ones left out. */
export async function listFaults(db: Db, tenantId: number): Promise<FaultRow[]> {
  const rows = await db
    .selectFrom('sandbox_faults')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('times_left', 'is', null), eb('times_left', '>', 0)]))
    .orderBy('id')
    .execute();
  return rows.map(toRow);
}

export async function insertFault(db: Db, row: Omit<FaultRow, 'id'>): Promise<FaultRow> {
  // A rule with no status (latency only) is kept as 0: the column is not null.
  const inserted = await db
    .insertInto('sandbox_faults')
    .values({ ...row, status: row.status ?? 0 })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRow(inserted);
}

export async function deleteFault(db: Db, tenantId: number, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('sandbox_faults')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteFaults(db: Db, tenantId: number): Promise<number> {
  const result = await db.deleteFrom('sandbox_faults').where('tenant_id', '=', tenantId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Takes one of a counted rule's remaining uses; false when another request (on any node) took the last one.
 * One conditional update, so that `times: 2` faults two requests whichever nodes serve them.
 */
export async function takeFault(db: Db, id: number): Promise<boolean> {
  const result = await db
    .updateTable('sandbox_faults')
    .set((eb) => ({ times_left: eb('times_left', '-', 1) }))
    .where('id', '=', id)
    .where('times_left', '>', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
