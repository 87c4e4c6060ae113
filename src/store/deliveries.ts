import { sql, type Insertable } from 'kysely';
import type { Db } from './db.ts';
import type { WebhookDeliveryTable } from './schema/webhooks.ts';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** A pending delivery with the event it carries, as the sender needs it. */
export interface PendingDelivery {
  id: number;
  attempts: number;
  next_attempt_at: string | null;
  event_id: number;
  tenant_id: number;
  type: string;
  data: string;
  created: string;
}

export interface DeliveryRow {
  id: number;
  webhook: number;
  tenant: number;
  event: string;
  event_id: number;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  delivered_at: string | null;
}

export async function insertDeliveries(trx: Db, rows: Insertable<WebhookDeliveryTable>[]): Promise<void> {
  // A few hundred rows per statement: far below both databases' bound-variable limits.
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('webhook_deliveries')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** The webhook's pending deliveries in order (the first is the one to send next), with their events. */
export async function pendingOf(db: Db, webhookId: number, limit: number): Promise<PendingDelivery[]> {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('outbox_events as e', 'e.id', 'd.event_id')
    .select([
      'd.id',
      'd.attempts',
      'd.next_attempt_at',
      'e.id as event_id',
      'e.tenant_id',
      'e.type',
      'e.data',
      'e.created_at as created',
    ])
    .where('d.webhook_id', '=', webhookId)
    .where('d.status', '=', 'pending')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

/** Deliveries that the receiver accepted, each answering `code`. */
export async function markDelivered(db: Db, ids: number[], code: number, at: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: 'delivered',
      attempts: sql`attempts + 1`,
      last_status_code: code,
      last_error: null,
      next_attempt_at: null,
      delivered_at: at,
    })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .execute();
}

/** A failed attempt: the delivery stays pending until `nextAttemptAt`, or is `failed` for good (null). */
export async function recordFailure(
  db: Db,
  id: number,
  failure: { code: number | null; error: string; nextAttemptAt: string | null },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: failure.nextAttemptAt === null ? 'failed' : 'pending',
      attempts: sql`attempts + 1`,
      last_status_code: failure.code,
      last_error: failure.error,
      next_attempt_at: failure.nextAttemptAt,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export interface DeliveryFilter {
  id?: number;
  tenantId?: number;
  webhookId?: number;
  status?: DeliveryStatus;
}

/** The latest `limit` deliveries that match, oldest first. */
export async function listDeliveries(db: Db, filter: DeliveryFilter, limit: number): Promise<DeliveryRow[]> {
  let query = db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('outbox_events as e', 'e.id', 'd.event_id')
    .select([
      'd.id',
      'd.webhook_id as webhook',
      'd.tenant_id as tenant',
      'e.type as event',
      'e.id as event_id',
      'd.status',
      'd.attempts',
      'd.last_status_code',
      'd.last_error',
      'd.next_attempt_at',
      'd.created_at',
      'd.delivered_at',
    ]);
  if (filter.id !== undefined) query = query.where('d.id', '=', filter.id);
  if (filter.tenantId !== undefined) query = query.where('d.tenant_id', '=', filter.tenantId);
  if (filter.webhookId !== undefined) query = query.where('d.webhook_id', '=', filter.webhookId);
  if (filter.status !== undefined) query = query.where('d.status', '=', filter.status);
  const rows = await query.orderBy('d.id', 'desc').limit(limit).execute();
  return (rows as DeliveryRow[]).reverse();
}

/** Queues a delivery again, due now, whatever its state; false when there is no such delivery. */
export async function requeueDelivery(db: Db, id: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: now, delivered_at: null })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
