import type { MessagePort } from 'node:worker_threads';
import { DomainError } from '../core/errors.ts';
import { openDb, type Db } from '../store/db.ts';
import type { ReadJob, ReadOutcome } from './read-pool.ts';
import { zakReplyText } from './zak/calls.ts';

/** Each dialect's way of running one of its read calls into the JSON text it sends, by the call's name. */
const dialects: Record<string, (db: Db, job: ReadJob) => Promise<string>> = {
  zak: (db, job) => zakReplyText(db, job.call, job.scope, job.params),
};

async function outcome(db: Db, id: number, job: ReadJob): Promise<ReadOutcome> {
  try {
    const run = dialects[job.dialect];
    if (!run) throw new Error(`no dialect ${job.dialect}`);
    return { id, body: await run(db, job) };
  } catch (error) {
    if (error instanceof DomainError) {
      return { id, error: { code: error.code, message: error.message, field: error.field } };
    }
    return { id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/** A read worker's life (see read-pool.ts): a read-only store, then one reply per job until the pool ends it. */
export function serveReads(port: MessagePort, { databaseUrl }: { databaseUrl: string }): void {
  const db = openDb(databaseUrl, { readOnly: true });
  port.on('message', async ({ id, ...job }: ReadJob & { id: number }) => {
    const reply = await outcome(db, id, job);
    port.postMessage(reply);
  });
  port.postMessage('ready');
}
