import type { Generated } from 'kysely';

/** One event a write appended, in the write's transaction (the transactional outbox). */
export interface OutboxEventTable {
  id: Generated<number>;
  tenant_id: number;
  /** `reservation.created`, `customer.updated`, … (src/core/events.ts). */
  type: string;
  /** The event's data as JSON text. */
  data: string;
  created_at: string;
  /** 1 once the event has been turned into deliveries for the webhooks subscribed to it. */
  dispatched: Generated<number>;
}

export interface WebhookTable {
  id: Generated<number>;
  tenant_id: number;
  url: string;
  /** zak | clientele */
  format: string;
  /** JSON array of event types; null: every event the format carries. */
  events: string | null;
  /**
   * The signing key, sealed with the data key `secret_key_id` (it cannot be hashed: every delivery is signed with
   * it); in clear while `secret_key_id` is null, in a row from before migration 055 until the next start seals it.
   */
  secret: string;
  secret_key_id: number | null;
  active: Generated<number>;
  created_at: string;
  /** The sender process that holds the right to deliver to this webhook, and until when (ISO). */
  lease_owner: string | null;
  lease_until: string | null;
}

export interface WebhookDeliveryTable {
  id: Generated<number>;
  webhook_id: number;
  tenant_id: number;
  event_id: number;
  /** pending | delivered | failed */
  status: string;
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  /** When a pending delivery may next be attempted (ISO); null once delivered or failed. */
  next_attempt_at: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhookTables {
  outbox_events: OutboxEventTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
}
