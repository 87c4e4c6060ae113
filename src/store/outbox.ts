import { sql, type Insertable, type Selectable } from 'kysely';
import { kindOf, type Db } from './db.ts';
import { preparedInsert } from './prepared.ts';
import type { OutboxEventTable } from './schema/webhooks.ts';

export type OutboxEvent = Omit<Selectable<OutboxEventTable>, 'dispatched'>;

const eventInsert = preparedInsert('outbox_events', null);

/** Inside the write's transaction: one event row. */
export async function appendEvent(
  trx: Db,
  row: Omit<Insertable<OutboxEventTable>, 'dispatched'>,
): Promise<void> {
  await eventInsert(trx, [row]);
}

/** Whether any event waits to be dispatched (a cheap read, so that an idle sender takes no write lock). */
export async function hasUndispatched(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('outbox_events')
    .select('id')
    .where('dispatched', '=', 0)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Inside the dispatch transaction: whether this transaction may dispatch. On PostgreSQL one dispatcher at a time
 * among every node (a transaction-scoped advisory lock, released at commit), so that deliveries are created in
 * the order the events became visible; on SQLite the transaction's write lock already serialises them.
 */
export async function takeDispatchTurn(trx: Db): Promise<boolean> {
  if (kindOf(trx) === 'sqlite') return true;
  const { rows } = await sql<{
    taken: boolean;
  }>`select pg_try_advisory_xact_lock(${DISPATCH_LOCK}) as taken`.execute(trx);
  return rows[0]?.taken === true;
}

/** An arbitrary constant naming the dispatcher's advisory lock. */
const DISPATCH_LOCK = 0x636c_6e74;

/** The oldest events not yet dispatched, in id order. */
export async function undispatchedEvents(trx: Db, limit: number): Promise<OutboxEvent[]> {
  return trx
    .selectFrom('outbox_events')
    .select(['id', 'tenant_id', 'type', 'data', 'created_at'])
    .where('dispatched', '=', 0)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function markDispatched(trx: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('outbox_events').set({ dispatched: 1 }).where('id', 'in', ids).execute();
}

/**
 * The events whose data names `customerId` as its `customer`, of `types` when given, oldest first. A scan of the
 * outbox: for an export or an erasure, which are rare.
 */
export async function eventsOfCustomer(
  trx: Db,
  tenantId: number,
  customerId: number,
  types?: string[],
): Promise<Array<{ id: number; type: string; data: string; created_at: string }>> {
  const customer =
    kindOf(trx) === 'sqlite'
      ? sql<number>`json_extract(data, '$.customer')`
      : sql<string>`(data::jsonb ->> 'customer')`;
  return trx
    .selectFrom('outbox_events')
    .select(['id', 'type', 'data', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .$if(types !== undefined, (q) => q.where('type', 'in', types!))
    .where(customer, '=', kindOf(trx) === 'sqlite' ? customerId : String(customerId))
    .orderBy('id')
    .execute();
}

export async function setEventData(trx: Db, id: number, data: string): Promise<void> {
  await trx.updateTable('outbox_events').set({ data }).where('id', '=', id).execute();
}
