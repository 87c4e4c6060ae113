import type { Db } from './db.ts';

export interface ClockRow {
  today: string | null;
  offsetDays: number | null;
}

const toClock = (row: { today: string | null; offset_days: number | null }): ClockRow => ({
  today: row.today,
  offsetDays: row.offset_days === null ? null : Number(row.offset_days),
});

export async function findClock(db: Db, tenantId: number): Promise<ClockRow | null> {
  const row = await db
    .selectFrom('sandbox_clocks')
    .select(['today', 'offset_days'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row ? toClock(row) : null;
}

export async function saveClock(db: Db, tenantId: number, clock: ClockRow, at: string): Promise<void> {
  const values = { today: clock.today, offset_days: clock.offsetDays, set_at: at };
  await db
    .insertInto('sandbox_clocks')
    .values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
}

export async function deleteClock(db: Db, tenantId: number): Promise<void> {
  await db.deleteFrom('sandbox_clocks').where('tenant_id', '=', tenantId).execute();
}
