import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../store/db.ts';
import { insertJournalRows, trimJournal, type NewJournalRow } from '../store/request-journal.ts';
import { sandboxCall } from './call-names.ts';
import { cut, redactJournalUrl, redactText, redactValue } from './journal-redact.ts';

/** How often a node writes the requests it journaled; also the most a reader on another node lags behind. */
export const JOURNAL_FLUSH_MS = 500;
/** Entries held in memory at most between two writes (beyond it the oldest are dropped, and counted). */
const MAX_PENDING = 50_000;

/** What the request path keeps of a request: references only; redaction and encoding wait for the flush. */
interface Pending {
  tenantId: number;
  at: number;
  dialect: string;
  call: string;
  method: string;
  url: string;
  status: number;
  durationMs: number;
  body: unknown;
  reply: unknown;
}

function bodyText(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return cut(redactText(body));
  return cut(JSON.stringify(redactValue(body)));
}

function replyText(payload: unknown): string | null {
  if (payload === undefined || payload === null) return null;
  if (typeof payload === 'string') return cut(redactText(payload));
  if (Buffer.isBuffer(payload)) return cut(redactText(payload.toString('utf8')));
  // A streamed reply (virtpos' long listings) is not read twice.
  return '[streamed reply, not journaled]';
}

function toRow(p: Pending): NewJournalRow {
  return {
    tenant_id: p.tenantId,
    at: new Date(p.at).toISOString(),
    dialect: p.dialect,
    call: p.call,
    method: p.method,
    path: cut(redactJournalUrl(p.url)),
    status: p.status,
    duration_ms: Math.round(p.durationMs * 100) / 100,
    request_body: bodyText(p.body),
    reply_body: replyText(p.reply),
  };
}

/** The newest `size` entries of each tenant in a batch: older ones would be trimmed at once, so are not written. */
function keepNewest(batch: Pending[], size: number): Pending[] {
  if (batch.length <= size) return batch;
  const seen = new Map<number, number>();
  const kept: Pending[] = [];
  for (let i = batch.length - 1; i >= 0; i--) {
    const p = batch[i]!;
    const n = seen.get(p.tenantId) ?? 0;
    if (n >= size) continue;
    seen.set(p.tenantId, n + 1);
    kept.push(p);
  }
  return kept.reverse();
}

/**
 * The request journal of one server (docs/sandbox.md): the hot path only pushes a few references to an array;
 * every `JOURNAL_FLUSH_MS` the entries are redacted, cut and written in one batch, and each tenant's journal is
 * trimmed to its newest `size` entries. Readers on this node flush first, so they see every request it answered.
 */
export class Journal {
  #pending: Pending[] = [];
  #flushing: Promise<void> = Promise.resolve();
  readonly #timer: NodeJS.Timeout;
  dropped = 0;

  constructor(
    readonly db: Db,
    readonly size: number,
    readonly log: (error: unknown) => void,
  ) {
    this.#timer = setInterval(() => void this.flush().catch(log), JOURNAL_FLUSH_MS);
    this.#timer.unref();
  }

  /** A request of a tenant, at the moment its reply is sent (`status` 0: the connection was dropped). */
  record(request: FastifyRequest, reply: FastifyReply, payload: unknown, status = reply.statusCode): void {
    if (request.tenantId === null) return;
    if (this.#pending.length >= MAX_PENDING) {
      this.#pending.shift();
      this.dropped++;
    }
    const { dialect, call } = sandboxCall(request);
    this.#pending.push({
      tenantId: request.tenantId,
      at: Date.now(),
      dialect,
      call,
      method: request.method,
      url: request.url,
      status,
      durationMs: reply.elapsedTime,
      body: request.body,
      reply: payload,
    });
  }

  /** Writes what is pending; flushes run one after another. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(
      () => this.#write(),
      () => this.#write(),
    );
    return this.#flushing;
  }

  async #write(): Promise<void> {
    if (this.#pending.length === 0) return;
    const batch = keepNewest(this.#pending, this.size);
    this.#pending = [];
    await insertJournalRows(this.db, batch.map(toRow));
    for (const tenantId of new Set(batch.map((p) => p.tenantId)))
      await trimJournal(this.db, tenantId, this.size);
  }

  /** Drops what this node has not written yet for a tenant (a reset, a clear). */
  discard(tenantId: number): void {
    this.#pending = this.#pending.filter((p) => p.tenantId !== tenantId);
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}
