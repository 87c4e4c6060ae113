import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config.ts';
import { DataKeyError } from '../core/data-keys.ts';
import type { EventType } from '../core/events.ts';
import { openSecret } from '../core/webhook-secrets.ts';
import { toWebhook, type Webhook } from '../core/webhooks.ts';
import type { Db } from '../store/db.ts';
import { markDelivered, pendingOf, recordFailure, type PendingDelivery } from '../store/deliveries.ts';
import { hasUndispatched } from '../store/outbox.ts';
import { loopReport, type LoopLog } from '../ops/outage-log.ts';
import { claimWebhooks, hasClaimable, releaseWebhook, type WebhookRow } from '../store/webhooks.ts';
import { retryDelay } from './backoff.ts';
import { dispatchEvents } from './dispatch.ts';
import { payload } from './formats.ts';
import { post, type PostOutcome } from './post.ts';
import { signature } from './signature.ts';

/**
 * The webhook sender that runs inside `serve`, one per process. It polls the store: events are dispatched into
 * deliveries (dispatch.ts), then webhooks with a delivery due are leased, and each leased webhook's deliveries are
 * sent one at a time, in order, until one fails (it then waits for its retry), none is left, or the lease's time is
 * used up. Other webhooks go on meanwhile: each is drained on its own. Every state change is in the store, so a
 * process that dies loses nothing: its leases run out and another sender (or itself, restarted) takes over.
 */
export type SenderConfig = Pick<
  Config,
  'webhookRetryBaseMs' | 'webhookMaxAttempts' | 'webhookTimeoutMs' | 'webhookAllowPrivate'
>;

/** While the store is away, one line when the sender first fails, then at most one a minute (ops/outage-log.ts). */
export type SenderLog = LoopLog;

/**
 * What became of an attempt, once recorded: `delivered` (a 2xx), `retry` (failed, tried again later), `failed`
 * (failed for the last time). `serve` counts them in `clientele_webhook_deliveries_total` (docs/operations.md).
 */
export type AttemptOutcome = 'delivered' | 'retry' | 'failed';

export interface Sender {
  /** Stops polling, aborts the requests in flight (they will be sent again) and gives the leases back. */
  stop(): Promise<void>;
}

/** How often an idle sender looks for work: a new event reaches its receiver well within 2 s. */
const POLL_MS = 250;
/** Webhooks drained at once by one process. */
const PARALLEL = 32;
/** Deliveries read at once from a webhook's queue. */
const BATCH = 50;
/** Leases are checked with each node's clock: they must agree within this margin. */
const CLOCK_MARGIN_MS = 2000;

/** A pause that a stop cuts short. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal.addEventListener('abort', wake, { once: true });
  });

const iso = (ms: number) => new Date(ms).toISOString();

export function startSender(
  db: Db,
  config: SenderConfig,
  log: SenderLog,
  counted: (outcome: AttemptOutcome, deliveries: number) => void = () => {},
): Sender {
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  // A webhook is drained for at most `budget`, then one more request may take `timeoutMs`: the lease outlasts both.
  const budgetMs = 2 * config.webhookTimeoutMs;
  const leaseMs = budgetMs + config.webhookTimeoutMs + CLOCK_MARGIN_MS;
  const stopping = new AbortController();
  const draining = new Map<number, Promise<void>>();
  const report = loopReport(log, 'webhook sender');

  async function round(): Promise<boolean> {
    const now = iso(Date.now());
    const dispatched = (await hasUndispatched(db)) ? await dispatchEvents(db, now) : 0;
    const free = PARALLEL - draining.size;
    if (free > 0 && (await hasClaimable(db, now))) {
      const until = iso(Date.now() + leaseMs);
      const except = [...draining.keys()];
      const claimed = await db
        .transaction()
        .execute((trx) => claimWebhooks(trx, owner, now, until, free, except));
      for (const row of claimed) draining.set(row.id, drain(row));
    }
    return dispatched > 0;
  }

  async function drain(row: WebhookRow): Promise<void> {
    const deadline = Date.now() + budgetMs;
    try {
      const webhook = { ...toWebhook(row), secret: signingSecret(row) };
      for (;;) {
        const queue = await pendingOf(db, webhook.id, BATCH);
        if (queue.length === 0 || !(await sendInOrder(webhook, queue, deadline))) break;
      }
    } catch (error) {
      report.failed(error, 'webhook sender: delivery bookkeeping failed', { webhook: row.id });
    } finally {
      await releaseWebhook(db, row.id, owner).catch((error: unknown) =>
        report.failed(error, 'webhook sender: could not release a lease', { webhook: row.id }),
      );
      draining.delete(row.id);
    }
  }

  /**
   * The webhook's secret in clear, opened once per claim, not per attempt; or why it does not open (a node whose key
   * file lacks the key that sealed it, a sealed value that was altered). Then each attempt fails with that reason
   * before anything is sent, never unsigned: it is recorded on the delivery and retried with the usual back-off, as
   * a receiver's refusal is, rather than the webhook being claimed again at every poll with nothing recorded.
   */
  function signingSecret(row: WebhookRow): string | { error: string } {
    try {
      return openSecret(row);
    } catch (error) {
      if (!(error instanceof DataKeyError)) throw error;
      log.error({ err: error, webhook: row.id }, 'webhook sender: cannot open the signing secret');
      return { error: error.message };
    }
  }

  /**
   * Sends the queue's deliveries in order; false when the webhook must wait: a delivery is not due yet, an attempt
   * failed and will be retried, the lease's time is up, or the sender stops. A delivery answered 2xx is recorded at
   * once, while the next ones are sent (`deliveredRecords`); every record is written before the lease is given back.
   */
  async function sendInOrder(webhook: SigningWebhook, queue: PendingDelivery[], deadline: number) {
    const delivered = deliveredRecords();
    try {
      for (const delivery of queue) {
        if (stopping.signal.aborted || Date.now() >= deadline) return false;
        if (delivery.next_attempt_at !== null && delivery.next_attempt_at > iso(Date.now())) return false;
        const outcome = await attempt(webhook, delivery);
        if ('aborted' in outcome) return false;
        if (outcome.ok) {
          delivered.add(delivery.id, outcome.status);
          continue;
        }
        await delivered.written();
        const attempts = delivery.attempts + 1;
        const retry = attempts < config.webhookMaxAttempts;
        const nextAttemptAt = retry
          ? iso(Date.now() + retryDelay(attempts, config.webhookRetryBaseMs))
          : null;
        await recordFailure(db, delivery.id, { code: outcome.status, error: outcome.error, nextAttemptAt });
        counted(retry ? 'retry' : 'failed', 1);
        // A delivery that failed for good no longer holds the later ones back.
        if (retry) return false;
      }
      return true;
    } finally {
      await delivered.written();
    }
  }

  /**
   * Deliveries answered 2xx, recorded as soon as they are answered: one write at a time, of all those answered since
   * the write before, running while the next deliveries are sent. A process killed mid-queue (or a store that goes
   * away) thus sends again only the deliveries answered during the last write, not every delivery of the batch
   * (docs/webhooks.md, "At least once"); waiting for each write before the next send cost PostgreSQL's sender four
   * fifths of its deliveries a second (a commit each).
   */
  function deliveredRecords() {
    let answered = new Map<number, number[]>();
    let writing: Promise<void> | undefined;
    let failure: unknown;
    const writeAll = async () => {
      while (answered.size > 0) {
        const batch = answered;
        answered = new Map();
        for (const [code, ids] of batch) {
          await markDelivered(db, ids, code, iso(Date.now()));
          counted('delivered', ids.length);
        }
      }
    };
    const start = () =>
      (writing = writeAll()
        .catch((error: unknown) => void (failure ??= error))
        .finally(() => (writing = undefined)));
    return {
      add(id: number, code: number) {
        answered.set(code, [...(answered.get(code) ?? []), id]);
        if (!writing) start();
      },
      /**
       * Waits for every record; throws what a write threw (its deliveries are then sent again later). A delivery
       * answered as a write was ending (after its last look, before it let go) started none: it is written here.
       */
      async written() {
        while (writing || answered.size > 0) await (writing ?? start());
        if (failure !== undefined) throw failure;
      },
    };
  }

  async function attempt(webhook: SigningWebhook, delivery: PendingDelivery): Promise<PostOutcome> {
    const event = {
      id: delivery.event_id,
      tenant: delivery.tenant_id,
      type: delivery.type as EventType,
      data: delivery.data,
      created: delivery.created,
    };
    if (typeof webhook.secret !== 'string') return { ok: false, status: null, error: webhook.secret.error };
    let body: ReturnType<typeof payload>;
    try {
      body = payload(webhook.format, event, webhook.url);
    } catch (error) {
      return { ok: false, status: null, error: `cannot render the event: ${(error as Error).message}` };
    }
    const headers = {
      'content-type': body.contentType,
      'user-agent': 'Clientele-Webhooks/1',
      'x-clientele-event': delivery.type,
      'x-clientele-delivery': String(delivery.id),
      'x-clientele-signature': signature(webhook.secret, body.body, Math.floor(Date.now() / 1000)),
    };
    return post(webhook.url, body.body, headers, {
      timeoutMs: config.webhookTimeoutMs,
      allowPrivate: config.webhookAllowPrivate,
      signal: stopping.signal,
    });
  }

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      let busy = false;
      try {
        busy = await round();
        report.succeeded();
      } catch (error) {
        report.failed(error, 'webhook sender: poll failed');
      }
      if (!busy) await sleep(POLL_MS, stopping.signal);
    }
  })();

  return {
    async stop() {
      stopping.abort();
      await loop;
      await Promise.all(draining.values());
    },
  };
}

type SigningWebhook = Webhook & { secret: string | { error: string } };
