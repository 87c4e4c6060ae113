import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** How often the worker copies the WAL back into the database file. */
const INTERVAL_MS = 250;

// Plain JavaScript: the server loads TypeScript through a loader registered in its own thread, not in workers.
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.intervalMs);
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
 * which neither waits for nor blocks readers and writers. Should the worker fail, the writer checkpoints itself
 * again, so the log never grows without bound. Returns the function that stops the worker.
 */
export function checkpointInBackground(writer: SQLite.Database, path: string): () => void {
  writer.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      path,
      intervalMs: INTERVAL_MS,
    },
  });
  worker.unref();
  worker.on('error', (error: Error) => {
    console.error(`background checkpoints stopped, the server checkpoints itself again: ${error.message}`);
    if (writer.open) writer.pragma('wal_autocheckpoint = 1000');
  });
  return () => worker.postMessage('stop');
}
