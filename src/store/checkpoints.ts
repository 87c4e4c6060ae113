import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** How often the worker copies the WAL back into the database file. */
const INTERVAL_MS = 250;
/** A log longer than this many pages (64 MB) is started over once copied back; see checkpointInBackground. */
const RESTART_FRAMES = 16_384;

// Plain JavaScript: the server loads TypeScript through a loader registered in its own thread, not in workers.
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
// Never waits for a lock: a checkpoint that cannot restart the log now does so at a later round.
const db = new Database(workerData.path, { timeout: 0 });
const timer = setInterval(() => {
  const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
  if (log > workerData.restartFrames) db.pragma('wal_checkpoint(RESTART)');
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
 * begins at a moment when every page of it has been copied, and under a steady stream of commits the copy never
 * catches up (measured: the log grew from 0.7 to 1.3 GB in 12 s of bookings, every read of a page searching a
 * longer index of it). So once the log holds more than RESTART_FRAMES pages, the round that has just copied it
 * follows with a RESTART checkpoint: it copies the few pages committed since, under the write lock, and starts
 * the log over; with a reader still in the log, or a commit under way, it gives up at once (no busy wait) and the
 * next round tries again. Should the worker fail, the writer checkpoints itself again, so the log never grows
 * without bound. Returns the function that stops the worker.
 */
export function checkpointInBackground(writer: SQLite.Database, path: string): () => void {
  writer.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      path,
      intervalMs: INTERVAL_MS,
      restartFrames: RESTART_FRAMES,
    },
  });
  worker.unref();
  worker.on('error', (error: Error) => {
    console.error(`background checkpoints stopped, the server checkpoints itself again: ${error.message}`);
    if (writer.open) writer.pragma('wal_autocheckpoint = 1000');
  });
  return () => worker.postMessage('stop');
}
