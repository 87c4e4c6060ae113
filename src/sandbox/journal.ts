import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { loopReport, type LoopLog, type LoopReport } from '../ops/outage-log.ts';
import type { Db } from '../store/db.ts';
import { appendJournal, type NewJournalRow } from '../store/request-journal.ts';
import { STREAMED } from '../core/journal-naming.ts';
import { sandboxCall } from './call-names.ts';
import { cut, MAX_REPLY, redactJournalUrl, redactText, redactValue } from './journal-redact.ts';

/**
 * How often a node writes the requests it journaled; also the most a reader on another node lags behind. Each
 * write stores up to `JOURNAL_SIZE` rows per tenant and trims as many: under a sustained load the interval sets most
 * of the journal's cost (docs/benchmarks.md: 500 ms cost 21 % of `fetch_one`'s CPU, 2 s 8 %); the rest is the
 * garbage collector's, copying the entries that wait for the write.
 */
export const JOURNAL_FLUSH_MS = 2000;

/**
 * Entries written per transaction of a flush, with the event loop let run between two. Written in one, a full
 * flush of 1,000 entries held the loop 15–40 ms every 2 s under `fetch_one`'s load, and it showed in that call's
 * p99 (docs/benchmarks.md). A journal needs no more: each entry stands alone, and a reader still waits for the whole
 * flush.
 */
const FLUSH_CHUNK = 100;

/**
 * What the request path keeps of a request: references to the request's own values and a copy of its reply's head
 * (`replyHead`); redaction and encoding wait for the flush.
 */
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
  /** The reply's text or head (`replyHead`). */
  reply: string | null;
}

function bodyText(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return cut(redactText(body));
  return cut(JSON.stringify(redactValue(body)));
}

/** Characters past the cut kept until the flush, so that a secret across the cut is still whole for redaction. */
const MARGIN = 256;

/**
 * What is kept of a reply until the flush: its text, or only its head when it is long, copied so that the reply
 * itself is not kept alive. Holding every 100 KB page for the 2 s until the flush cost the garbage collector more
 * than the page itself (docs/benchmarks.md). A head is read from at most 4 bytes a character, so that it holds more
 * than `MAX_REPLY` characters and the flush says it was cut.
 */
function replyHead(payload: unknown): string | null {
  if (payload === undefined || payload === null) return null;
  const head = MAX_REPLY + MARGIN;
  if (typeof payload === 'string')
    return payload.length <= head ? payload : Buffer.from(payload.slice(0, head), 'utf8').toString('utf8');
  if (Buffer.isBuffer(payload)) return payload.toString('utf8', 0, Math.min(payload.length, 4 * head));
  // A streamed reply (virtpos' long listings) is not read twice.
  return STREAMED;
}

function replyText(head: string | null): string | null {
  if (head === null || head === STREAMED) return head;
  return cut(redactText(head), MAX_REPLY);
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

/**
 * The request journal of one server (docs/sandbox.md): the hot path only pushes a few references to its tenant's
 * list, which keeps no more than its newest `size` (older ones would be trimmed at once, so are never written, and
 * one tenant's flood never pushes out another's entries); every `JOURNAL_FLUSH_MS` the entries are redacted, cut
 * and written in one batch, and each tenant's journal is trimmed to its newest `size`. Readers on this node flush
 * first, so they see every request it answered.
 */
export class Journal {
  #pending = new Map<number, Pending[]>();
  #flushing: Promise<void> = Promise.resolve();
  /** Tenants reset since the write under way took its batch: what it fails to write is not kept for them. */
  readonly #discarded = new Set<number>();
  readonly #timer: NodeJS.Timeout;
  readonly #report: LoopReport;

  constructor(
    readonly db: Db,
    readonly size: number,
    log: LoopLog,
  ) {
    this.#report = loopReport(log, 'request journal');
    // A failed write was reported by #write (a store away: once, ops/outage-log.ts), and is tried again.
    this.#timer = setInterval(() => void this.flush().catch(() => undefined), JOURNAL_FLUSH_MS);
    this.#timer.unref();
  }

  /** A request of a tenant, at the moment its reply is sent (`status` 0: the connection was dropped). */
  record(request: FastifyRequest, reply: FastifyReply, payload: unknown, status = reply.statusCode): void {
    const tenantId = request.tenantId;
    if (tenantId === null) return;
    let list = this.#pending.get(tenantId);
    if (list === undefined) this.#pending.set(tenantId, (list = []));
    // Cut to the newest `size` once it holds twice as many: one splice per `size` requests.
    else if (list.length >= 2 * this.size) list.splice(0, list.length - this.size + 1);
    const { dialect, call } = sandboxCall(request);
    list.push({
      tenantId,
      at: Date.now(),
      dialect,
      call,
      method: request.method,
      url: request.url,
      status,
      durationMs: reply.elapsedTime,
      body: request.body,
      reply: replyHead(payload),
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
    this.#discarded.clear();
    if (this.#pending.size === 0) return;
    const pending = this.#pending;
    this.#pending = new Map();
    const batch = [...pending.values()].flatMap((list) => list.slice(-this.size));
    let written = 0;
    try {
      for (; written < batch.length; written += FLUSH_CHUNK) {
        if (written > 0) await nextTurn();
        await appendJournal(this.db, batch.slice(written, written + FLUSH_CHUNK).map(toRow), this.size);
      }
      this.#report.succeeded();
    } catch (error) {
      this.#keep(batch.slice(written));
      this.#report.failed(error, 'request journal: write failed');
      throw error;
    }
  }

  /**
   * Puts back the entries a failed write did not store (the store away, its disk full), before those that arrived
   * meanwhile, so that the next flush writes them in order; each tenant still keeps only its newest `size`. A tenant
   * reset meanwhile gets none back.
   */
  #keep(unwritten: Pending[]): void {
    const byTenant = new Map<number, Pending[]>();
    for (const entry of unwritten) {
      if (this.#discarded.has(entry.tenantId)) continue;
      let list = byTenant.get(entry.tenantId);
      if (list === undefined) byTenant.set(entry.tenantId, (list = []));
      list.push(entry);
    }
    for (const [tenantId, older] of byTenant) {
      const merged = [...older, ...(this.#pending.get(tenantId) ?? [])];
      this.#pending.set(tenantId, merged.slice(-this.size));
    }
  }

  /**
   * Drops what this node has not written yet for a tenant (a reset), and waits for a flush under way, so that
   * nothing of the tenant's from before is written after the caller empties its journal. (A clear needs no discard:
   * it writes what is pending first, then deletes.)
   */
  async discard(tenantId: number): Promise<void> {
    this.#pending.delete(tenantId);
    this.#discarded.add(tenantId);
    await this.#flushing.catch(() => undefined);
  }

  /**
   * Writes what is pending. A store that fails now (it went away with the server) is logged (by #write), not thrown,
   * so the server still closes.
   */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush().catch(() => undefined);
  }
}
