import type { Db } from './db.ts';

export interface Note {
  id: number;
  remarks: string;
}

export async function listNotes(db: Db, tenantId: number, reservationId: number): Promise<Note[]> {
  return db
    .selectFrom('reservation_notes')
    .select(['id', 'remarks'])
    .where('tenant_id', '=', tenantId)
    .where('reservation_id', '=', reservationId)
    .orderBy('id')
    .execute();
}

export async function insertNote(
  db: Db,
  tenantId: number,
  reservationId: number,
  remarks: string,
  at: string,
): Promise<number> {
  const row = await db
    .insertInto('reservation_notes')
    .values({ tenant_id: tenantId, reservation_id: reservationId, remarks, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Changes a note of the tenant (of that reservation when one is given); returns the note's reservation, undefined
 * when there is no such note.
 */
export async function updateNote(
  db: Db,
  tenantId: number,
  id: number,
  remarks: string,
  reservationId?: number,
): Promise<number | undefined> {
  let query = db
    .updateTable('reservation_notes')
    .set({ remarks })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id);
  if (reservationId !== undefined) query = query.where('reservation_id', '=', reservationId);
  const row = await query.returning('reservation_id').executeTakeFirst();
  return row?.reservation_id;
}
