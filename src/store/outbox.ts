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
  customerIds: number[],
  types?: string[],
): Promise<Array<{ id: number; type: string; data: string; created_at: string }>> {
  return trx
    .selectFrom('outbox_events')
    .select(['id', 'type', 'data', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .$if(types !== undefined, (q) => q.where('type', 'in', types!))
    .where(jsonField(trx, 'customer'), 'in', idValues(trx, customerIds))
    .orderBy('id')
    .execute();
}

/** A number field of an event's data, as the store compares it (SQLite a number, PostgreSQL a text). */
function jsonField(trx: Db, field: 'customer' | 'target') {
  return kindOf(trx) === 'sqlite'
    ? sql<number | string>`json_extract(data, ${'$.' + field})`
    : sql<number | string>`(data::jsonb ->> ${field})`;
}

const idValues = (trx: Db, ids: number[]) => (kindOf(trx) === 'sqlite' ? ids : ids.map(String));

/**
 * A number field (`read`) of the tenant's events of `type` whose field `match` is one of `ids`: a scan of that
 * type's events.
 */
async function eventNumbers(
  trx: Db,
  tenantId: number,
  type: string,
  match: 'target',
  ids: number[],
  read: 'source',
): Promise<number[]> {
  const rows = await trx
    .selectFrom('outbox_events')
    .select('data')
    .where('tenant_id', '=', tenantId)
    .where('type', '=', type)
    .where(jsonField(trx, match), 'in', idValues(trx, ids))
    .execute();
  return rows.map((r) => Number((JSON.parse(r.data) as Record<string, unknown>)[read]));
}

/**
 * The customers merged into any of `targets` (their `customer.merged` events' sources), for an export or an
 * erasure of the target.
 */
export const mergedInto = (trx: Db, tenantId: number, targets: number[]): Promise<number[]> =>
  eventNumbers(trx, tenantId, 'customer.merged', 'target', targets, 'source');

export async function setEventData(trx: Db, id: number, data: string): Promise<void> {
  await trx.updateTable('outbox_events').set({ data }).where('id', '=', id).execute();
}
