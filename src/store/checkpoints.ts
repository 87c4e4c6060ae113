import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** How often the worker copies the WAL back into the database file. */
const INTERVAL_MS = 250;
/** A log longer than this many pages (64 MB) is started over once copied back; see checkpointInBackground. */
const RESTART_FRAMES = 16_384;
/** How many times, a millisecond apart, a round tries that restart before leaving it to the next round. */
const RESTART_ATTEMPTS = 20;

// Plain JavaScript: the server loads TypeScript through a loader registered in its own thread, not in workers.
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
// Never waits for a lock held by another connection: a checkpoint that finds one gives up at once.
const db = new Database(workerData.path, { timeout: 0 });
const pause = new Int32Array(new SharedArrayBuffer(4));
const timer = setInterval(() => {
  const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
  if (log <= workerData.restartFrames) return;
  // Each RESTART follows a PASSIVE round at once: it holds the write lock while it copies what that round left (a
  // commit or two, or nothing) and syncs.
  for (let attempt = 1; ; attempt++) {
    const [{ busy }] = db.pragma('wal_checkpoint(RESTART)');
    if (!busy || attempt === workerData.restartAttempts) return;
    Atomics.wait(pause, 0, 0, 1);
    db.pragma('wal_checkpoint(PASSIVE)');
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * SQLite checkpoints in the commit that fills the WAL past its threshold: that commit copies the log back into
 * the database file and syncs the disk while the event loop waits, a stall every thousand pages or so (a booking
 * writes about twenty). A server hands the job to a worker thread with its own connection instead, in PASSIVE mode,
 * which neither waits for nor blocks readers and writers.
 *
 * A PASSIVE checkpoint copies the log back but never starts it over: SQLite starts the log anew only when a writer
 * begins at a moment when every page of it has been copied, which under a steady stream of commits never comes (the
 * log grew past 1 GB under the bench's bookings, and every read of a page searched a longer index of it). So once
 * the log holds more than `restartFrames` pages, the round tries a RESTART checkpoint, after which the next commit
 * writes the log from its start. A RESTART holds the write lock while it copies and syncs, so it always follows a
 * PASSIVE round at once and has little left to copy; it needs a moment with no commit under way and no reader in
 * the log, and never waits for one (waiting there doubled the bookings' p99): it is tried up to RESTART_ATTEMPTS
 * times, a millisecond apart, and else at the next round. docs/storage.md and docs/benchmarks.md have the figures.
 * Should the worker fail, the writer checkpoints itself again. Returns the function that stops the worker; it
 * resolves once the worker's connection is closed, so that the store's own connections close last and SQLite
 * deletes the log then. Closed after them, the worker's connection left the log behind whenever the process
 * exited first (a server stopped by SIGTERM), and `clientele restore` took it for a server still running.
 */
export function checkpointInBackground(
  writer: SQLite.Database,
  path: string,
  restartFrames = RESTART_FRAMES,
): () => Promise<void> {
  writer.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      path,
      intervalMs: INTERVAL_MS,
      restartFrames,
      restartAttempts: RESTART_ATTEMPTS,
    },
  });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (error: Error) => {
    console.error(`background checkpoints stopped, the server checkpoints itself again: ${error.message}`);
    if (writer.open) writer.pragma('wal_autocheckpoint = 1000');
  });
  return () => {
    // Unref'd while it works, so that it never keeps a process alive; held now, until it has closed.
    worker.ref();
    worker.postMessage('stop');
    return exited;
  };
}
