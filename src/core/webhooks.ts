import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';
import * as deliveries from '../store/deliveries.ts';
import * as store from '../store/webhooks.ts';
import { nowIso } from './dates.ts';
import { invalid, notFound } from './errors.ts';
import { EVENT_TYPES, isEventType, type EventType } from './events.ts';
import { getTenant } from './tenants.ts';
import { sealSecret } from './webhook-secrets.ts';
import { checkTargetUrl } from './webhook-targets.ts';

/** A tenant's subscriptions to its events: where they are POSTed, in which format, which of them. */
export const FORMATS = ['zak', 'clientele'] as const;
export type WebhookFormat = (typeof FORMATS)[number];

/** The Zak format carries only the real server's two pushes, each standing for one Clientele event. */
export const ZAK_EVENTS: Partial<Record<EventType, 'new_reservation' | 'change_status'>> = {
  'reservation.created': 'new_reservation',
  'reservation.status_changed': 'change_status',
};

export interface Webhook {
  id: number;
  tenant: number;
  url: string;
  format: WebhookFormat;
  /** The event types it receives; null: every type its format carries. */
  events: EventType[] | null;
  active: boolean;
  created_at: string;
}

export interface NewWebhook {
  tenantId: number;
  url: string;
  format?: string;
  events?: string[];
}

export function toWebhook(row: store.WebhookRow): Webhook {
  return {
    id: row.id,
    tenant: row.tenant_id,
    url: row.url,
    format: row.format as WebhookFormat,
    events: row.events === null ? null : (JSON.parse(row.events) as EventType[]),
    active: row.active === 1,
    created_at: row.created_at,
  };
}

/** Whether a webhook receives events of `type`: its format carries them and its filter, if any, names them. */
export function receives(webhook: Pick<Webhook, 'format' | 'events'>, type: EventType): boolean {
  if (webhook.format === 'zak' && ZAK_EVENTS[type] === undefined) return false;
  return webhook.events === null || webhook.events.includes(type);
}

function format(value: string | undefined): WebhookFormat {
  const chosen = value ?? 'zak';
  if (!(FORMATS as readonly string[]).includes(chosen))
    throw invalid(`unknown format "${chosen}" (zak or clientele)`, 'format');
  return chosen as WebhookFormat;
}

/** Event types as given (Zak's own names are accepted for the two Zak events), checked against the format. */
function eventFilter(values: string[] | undefined, chosen: WebhookFormat): EventType[] | null {
  if (values === undefined) return null;
  if (values.length === 0) throw invalid('events: name at least one event type', 'events');
  const zakNames = Object.entries(ZAK_EVENTS).map(([type, name]) => [name, type as EventType] as const);
  const types = values.map((value) => {
    const type = zakNames.find(([name]) => name === value)?.[1] ?? value;
    if (!isEventType(type))
      throw invalid(`unknown event type "${value}" (known: ${EVENT_TYPES.join(', ')})`, 'events');
    if (!receives({ format: chosen, events: null }, type))
      throw invalid(
        `the zak format carries only reservation.created and reservation.status_changed`,
        'events',
      );
    return type;
  });
  return [...new Set(types)];
}

export interface CreatedWebhook extends Webhook {
  /** The signing secret, shown only once. */
  secret: string;
}

/** Adds a webhook to a tenant; `allowPrivate` is WEBHOOK_ALLOW_PRIVATE (see webhook-targets.ts). */
export async function createWebhook(
  db: Db,
  input: NewWebhook,
  options: { allowPrivate: boolean },
): Promise<CreatedWebhook> {
  await getTenant(db, input.tenantId);
  const chosen = format(input.format);
  const events = eventFilter(input.events, chosen);
  const url = await checkTargetUrl(input.url, options.allowPrivate);
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const row = await store.insertWebhook(db, {
    tenant_id: input.tenantId,
    url,
    format: chosen,
    events: events === null ? null : JSON.stringify(events),
    // Sealed with the data key: the store never holds it in clear (webhook-secrets.ts).
    ...sealSecret(input.tenantId, secret),
    created_at: nowIso(),
  });
  return { ...toWebhook(row), secret };
}

export async function listWebhooks(db: Db, tenantId?: number): Promise<Webhook[]> {
  if (tenantId !== undefined) await getTenant(db, tenantId);
  return (await store.listWebhooks(db, tenantId)).map(toWebhook);
}

/** Removes a webhook and its deliveries; a running sender stops sending to it at its next poll. */
export async function removeWebhook(db: Db, id: number): Promise<void> {
  if (!(await store.deleteWebhook(db, id))) throw notFound(`webhook not found: ${id}`);
}

export const DELIVERY_STATUSES: readonly deliveries.DeliveryStatus[] = ['pending', 'delivered', 'failed'];
export type Delivery = deliveries.DeliveryRow;

export async function listDeliveries(
  db: Db,
  filter: deliveries.DeliveryFilter,
  limit: number,
): Promise<Delivery[]> {
  if (filter.tenantId !== undefined) await getTenant(db, filter.tenantId);
  return deliveries.listDeliveries(db, filter, limit);
}

/** Sends a delivery again (same id, same event, a new attempt), before the webhook's later deliveries. */
export async function redeliver(db: Db, id: number): Promise<void> {
  if (!(await deliveries.requeueDelivery(db, id, nowIso()))) throw notFound(`delivery not found: ${id}`);
}

/** Removes one of the tenant's webhooks; another tenant's id is a missing one. */
export async function removeTenantWebhook(db: Db, tenantId: number, id: number): Promise<void> {
  if (!(await listWebhooks(db, tenantId)).some((w) => w.id === id))
    throw notFound(`webhook not found: ${id}`);
  await removeWebhook(db, id);
}

/** Sends one of the tenant's deliveries again; another tenant's id is a missing one. */
export async function redeliverOfTenant(db: Db, tenantId: number, id: number): Promise<void> {
  const [found] = await listDeliveries(db, { tenantId, id }, 1);
  if (!found) throw notFound(`delivery not found: ${id}`);
  await redeliver(db, id);
}
