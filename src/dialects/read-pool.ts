import { Worker } from 'node:worker_threads';
import { DomainError, type ErrorCode } from '../core/errors.ts';
import type { Scope } from '../core/tenants.ts';

/** A read-only call for a worker: which dialect's call, for which tenant's key, with the request's parameters. */
export interface ReadJob {
  dialect: string;
  call: string;
  scope: Scope;
  params: Record<string, unknown>;
}

/**
 * What a worker answers: the reply's JSON text, or the domain error the call threw, or a failure. Text, not
 * UTF-8 bytes: a 64 KB buffer per reply handed to the main thread counts as memory outside its heap, and at a few
 * hundred replies a second V8 answered with a full collection every 150 ms, each pausing the event loop for up
 * to 15 ms. Copied text is young garbage that the cheap collections take.
 */
export type ReadOutcome =
  | { id: number; body: string }
  | { id: number; error: { code: ErrorCode; message: string; field?: string } }
  | { id: number; failure: string };

export interface ReadPool {
  /** Settles when the workers asked for are all running; rejects if one of them could not start. */
  readonly ready: Promise<void>;
  /** Workers running now: 0 until the first is ready, or once every one has failed; callers then run the call. */
  readonly size: number;
  run(job: ReadJob): Promise<string>;
  close(): Promise<void>;
}

export interface ReadPoolOptions {
  size: number;
  databaseUrl: string;
  /** The module whose `serveReads` a worker runs (read-worker.ts); tests give another. */
  entry?: URL;
}

interface Pending {
  resolve(body: string): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

// A worker starts without the server's flags (`--import tsx` under the tests, `--cpu-prof`), registers the
// TypeScript loader itself and then loads its entry. eval code resolves from the working directory, hence the
// resolved URLs.
const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.loader)
  .then((tsx) => tsx.register())
  .then(() => import(workerData.entry))
  .then((m) => m.serveReads(parentPort, workerData));
`;

function outcomeError(outcome: Exclude<ReadOutcome, { body: string }>): Error {
  if ('error' in outcome)
    return new DomainError(outcome.error.code, outcome.error.message, outcome.error.field);
  return new Error(`read worker: ${outcome.failure}`);
}

/**
 * Worker threads that run the heaviest read calls (whole pages of reservations) from start to serialised reply,
 * each over a read-only connection of its own to the SQLite file. On one thread those pages keep the event loop
 * busy a millisecond or more each, while every other request waits behind them; in workers they use the other
 * cores. Workers start in the background (loading the code takes them a second or two): until one is ready,
 * `size` is 0 and callers run the calls themselves. `ready` settles once the first workers are all up, or
 * rejects with the reason one of them could not start.
 */
export function startReadPool(options: ReadPoolOptions): ReadPool {
  const entry = (options.entry ?? new URL('./read-worker.ts', import.meta.url)).href;
  const workerData = { loader: import.meta.resolve('tsx/esm/api'), entry, databaseUrl: options.databaseUrl };
  const slots: Slot[] = [];
  const workers = new Set<Worker>();
  let nextId = 0;
  let closing = false;

  function spawn(): Promise<void> {
    const worker = new Worker(BOOT, { eval: true, execArgv: [], workerData });
    const slot: Slot = { worker, pending: new Map() };
    workers.add(worker);
    // The workers serve the server's requests and never outlive it.
    worker.unref();
    return new Promise((resolve, reject) => {
      let ready = false;
      worker.on('message', (message: ReadOutcome | 'ready') => {
        if (message === 'ready') {
          ready = true;
          slots.push(slot);
          return resolve();
        }
        const pending = slot.pending.get(message.id);
        if (!pending) return;
        slot.pending.delete(message.id);
        if ('body' in message) pending.resolve(message.body);
        else pending.reject(outcomeError(message));
      });
      worker.on('error', (error) => {
        if (!ready) reject(error);
      });
      worker.on('exit', (code) => {
        workers.delete(worker);
        const index = slots.indexOf(slot);
        if (index >= 0) slots.splice(index, 1);
        for (const pending of slot.pending.values())
          pending.reject(new Error(`read worker exited (${code})`));
        slot.pending.clear();
        // A pool closed while its workers start has not failed: they were stopped.
        if (!ready && closing) return resolve();
        if (!ready) return reject(new Error(`read worker exited before it was ready (${code})`));
        // A worker that had started once is replaced; one that cannot start is not retried without end.
        if (!closing) spawn().catch(() => undefined);
      });
    });
  }

  const ready = Promise.all(Array.from({ length: options.size }, spawn)).then(() => undefined);
  // Whoever starts the pool hears of a failed start through `ready`; nothing is left unhandled meanwhile.
  ready.catch(() => undefined);

  return {
    ready,
    get size() {
      return slots.length;
    },
    run(job) {
      // The least busy worker: a long page on one does not hold up the calls queued behind it elsewhere.
      let slot = slots[0];
      if (!slot) return Promise.reject(new Error('read pool: no worker running'));
      for (const s of slots) if (s.pending.size < slot.pending.size) slot = s;
      const id = (nextId += 1);
      const chosen = slot;
      return new Promise<string>((resolve, reject) => {
        chosen.pending.set(id, { resolve, reject });
        chosen.worker.postMessage({ id, ...job });
      });
    },
    async close() {
      closing = true;
      await Promise.all([...workers].map((w) => w.terminate()));
    },
  };
}
