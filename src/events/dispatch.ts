import { isEventType } from '../core/events.ts';
import { receives, toWebhook, type Webhook } from '../core/webhooks.ts';
import type { Db } from '../store/db.ts';
import { insertDeliveries } from '../store/deliveries.ts';
import { markDispatched, takeDispatchTurn, undispatchedEvents } from '../store/outbox.ts';
import { activeWebhooks } from '../store/webhooks.ts';

/** Events turned into deliveries per transaction. */
const BATCH = 500;

/**
 * Turns the oldest undispatched events into one pending delivery per active webhook that receives them, and marks
 * them dispatched, in one transaction: an event is dispatched exactly once, even with several senders. A webhook
 * receives the events that happened after it was added. Returns how many events it dispatched.
 */
export async function dispatchEvents(db: Db, now: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (!(await takeDispatchTurn(trx))) return 0;
    const events = await undispatchedEvents(trx, BATCH);
    if (events.length === 0) return 0;
    const byTenant = new Map<number, Webhook[]>();
    for (const w of (await activeWebhooks(trx)).map(toWebhook)) {
      byTenant.set(w.tenant, [...(byTenant.get(w.tenant) ?? []), w]);
    }
    const rows = events.flatMap((event) =>
      (byTenant.get(event.tenant_id) ?? [])
        .filter((w) => w.created_at <= event.created_at && isEventType(event.type) && receives(w, event.type))
        .map((w) => ({
          webhook_id: w.id,
          tenant_id: event.tenant_id,
          event_id: event.id,
          status: 'pending',
          next_attempt_at: now,
          created_at: now,
        })),
    );
    await insertDeliveries(trx, rows);
    await markDispatched(
      trx,
      events.map((event) => event.id),
    );
    return events.length;
  });
}
