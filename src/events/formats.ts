import type { EventType } from '../core/events.ts';
import { ZAK_EVENTS, type WebhookFormat } from '../core/webhooks.ts';

/** What a delivery carries, before it is signed: one event rendered in its webhook's format. */
export interface EventRecord {
  id: number;
  tenant: number;
  type: EventType;
  /** The event's data as stored (JSON text). */
  data: string;
  created: string;
}

export interface Payload {
  contentType: string;
  body: string;
}

/**
 * Zak's push, as the real server sends it: a form with `property` (the tenant id as text), `event`, `url` (the
 * webhook's) and `push_data` as JSON text. The JSON is spelled like the real server's (`{"reservation": 17024718}`),
 * with its statuses lower-case where the API's are capitalised.
 */
function zakPayload(event: EventRecord, url: string): Payload {
  const name = ZAK_EVENTS[event.type];
  if (name === undefined) throw new Error(`the zak format has no push for ${event.type}`);
  const data = JSON.parse(event.data) as { reservation: number; old_status?: string; new_status?: string };
  const pushData =
    name === 'new_reservation'
      ? `{"reservation": ${data.reservation}}`
      : `{"reservation": ${data.reservation}, "old_status": ${JSON.stringify(data.old_status?.toLowerCase())}, ` +
        `"new_status": ${JSON.stringify(data.new_status?.toLowerCase())}}`;
  const form = new URLSearchParams({ property: String(event.tenant), event: name, url, push_data: pushData });
  return { contentType: 'application/x-www-form-urlencoded', body: form.toString() };
}

/** Clientele's own format: every event type, as JSON `{id, type, created, tenant, data}`. */
function clientelePayload(event: EventRecord): Payload {
  // The stored data is already JSON: spliced in, not parsed and serialised again.
  const body =
    `{"id":${event.id},"type":${JSON.stringify(event.type)},"created":${JSON.stringify(event.created)},` +
    `"tenant":${event.tenant},"data":${event.data}}`;
  return { contentType: 'application/json', body };
}

export function payload(format: WebhookFormat, event: EventRecord, url: string): Payload {
  return format === 'zak' ? zakPayload(event, url) : clientelePayload(event);
}
