import {
  DELIVERY_STATUSES,
  createWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  removeWebhook,
  type Delivery,
  type Webhook,
} from '../core/webhooks.ts';
import type { DeliveryStatus } from '../store/deliveries.ts';
import { UsageError, idOf, parse, requireValue, tenantId } from './args.ts';
import { table } from './output.ts';
import { openServersDataKeys, withStore } from './store.ts';

const USAGE = `webhook add --tenant ID --url URL [--format zak|clientele] [--events TYPE,TYPE] [--json]
  | webhook list [--tenant ID] [--json] | webhook remove ID
  | webhook deliveries [--tenant ID] [--webhook ID] [--status pending|delivered|failed] [--limit N] [--json]
  | webhook redeliver DELIVERY_ID`;

const HEADER = ['ID', 'TENANT', 'FORMAT', 'STATE', 'EVENTS', 'URL'];
const DELIVERY_HEADER = [
  'ID',
  'WEBHOOK',
  'EVENT',
  'STATUS',
  'ATTEMPTS',
  'LAST_STATUS',
  'NEXT_ATTEMPT',
  'LAST_ERROR',
];
const events = (w: Webhook) => (w.events === null ? 'all' : w.events.join(','));
const cells = (w: Webhook) => [w.id, w.tenant, w.format, w.active ? 'active' : 'inactive', events(w), w.url];
const deliveryCells = (d: Delivery) => [
  d.id,
  d.webhook,
  d.event,
  d.status,
  d.attempts,
  d.last_status_code,
  d.next_attempt_at,
  d.last_error ?? '',
];

function id(value: string | undefined, what: string): number {
  const found = idOf(value);
  if (found === undefined) throw new UsageError(`${what} must be a number`);
  return found;
}

/** The one positional argument of `remove` and `redeliver`: an id. */
function onlyId(rest: string[], what: string): number {
  const { positionals } = parse(rest, {}, undefined, true);
  if (positionals.length !== 1) throw new UsageError(USAGE);
  return id(positionals[0], what);
}

async function add(rest: string[]): Promise<number> {
  const { values } = parse(rest, {
    tenant: { type: 'string' },
    url: { type: 'string' },
    format: { type: 'string' },
    events: { type: 'string' },
    json: { type: 'boolean' },
  });
  const input = {
    tenantId: tenantId(values.tenant),
    url: requireValue(values.url, '--url'),
    format: values.format as string | undefined,
    events: (values.events as string | undefined)
      ?.split(',')
      .map((type) => type.trim())
      .filter((type) => type !== ''),
  };
  const created = await withStore((db, config) => {
    // The secret is sealed with the data key: the key file must be the servers'.
    openServersDataKeys(config);
    return createWebhook(db, input, { allowPrivate: config.webhookAllowPrivate });
  });
  const { id, tenant, url, format, events: types, secret } = created;
  if (values.json) console.log(JSON.stringify({ id, tenant, url, format, events: types, secret }));
  else
    console.log(
      `created webhook ${cells(created).join(' ')}\nsecret ${secret}\n(the secret is shown only this once)`,
    );
  return 0;
}

async function list(rest: string[]): Promise<number> {
  const { values } = parse(rest, { tenant: { type: 'string' }, json: { type: 'boolean' } });
  const tenant = values.tenant === undefined ? undefined : tenantId(values.tenant);
  const webhooks = await withStore((db) => listWebhooks(db, tenant));
  console.log(values.json ? JSON.stringify(webhooks) : table(HEADER, webhooks.map(cells)));
  return 0;
}

async function deliveries(rest: string[]): Promise<number> {
  const { values } = parse(rest, {
    tenant: { type: 'string' },
    webhook: { type: 'string' },
    status: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  const status = values.status as string | undefined;
  if (status !== undefined && !(DELIVERY_STATUSES as readonly string[]).includes(status))
    throw new UsageError(`--status must be one of ${DELIVERY_STATUSES.join(', ')}`);
  const limit = values.limit === undefined ? 1000 : id(values.limit as string, '--limit');
  const filter = {
    tenantId: values.tenant === undefined ? undefined : tenantId(values.tenant),
    webhookId: values.webhook === undefined ? undefined : id(values.webhook as string, '--webhook'),
    status: status as DeliveryStatus | undefined,
  };
  const found = await withStore((db) => listDeliveries(db, filter, limit));
  console.log(values.json ? JSON.stringify(found) : table(DELIVERY_HEADER, found.map(deliveryCells)));
  return 0;
}

/** `clientele webhook …`: a tenant's webhooks and their deliveries (see docs/webhooks.md). */
export async function webhookCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'add') return add(rest);
  if (sub === 'list') return list(rest);
  if (sub === 'deliveries') return deliveries(rest);
  if (sub === 'remove') {
    const webhook = onlyId(rest, 'the webhook id');
    await withStore((db) => removeWebhook(db, webhook));
    console.log(`removed webhook ${webhook}`);
    return 0;
  }
  if (sub === 'redeliver') {
    const delivery = onlyId(rest, 'the delivery id');
    await withStore((db) => redeliver(db, delivery));
    console.log(`queued delivery ${delivery} again`);
    return 0;
  }
  throw new UsageError(USAGE);
}
