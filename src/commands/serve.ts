import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { firstStart, firstStartMessage, type FirstStart } from '../bootstrap.ts';
import { loadConfig, type Config } from '../config.ts';
import { startSender } from '../events/sender.ts';
import { buildServer } from '../server.ts';
import { openDb } from '../store/db.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { serveWorkers } from './workers.ts';

/**
 * `clientele serve`: migrates the store and makes the first-start tenant, then serves HTTP in this process, or,
 * with WORKERS above 1, in that many worker processes sharing the port (see workers.ts). A worker only serves.
 */
export async function serveCommand(): Promise<number> {
  const config = loadConfig();
  if (cluster.isWorker) return serveHttp(config);
  const created = await prepareStore(config);
  if (config.workers > 1) return serveWorkers(config, created);
  return serveHttp(config, created);
}

async function prepareStore(config: Config): Promise<FirstStart | null> {
  const db = openDb(config.databaseUrl, { poolSize: 1, lockTimeoutMs: config.writeLockTimeoutMs });
  try {
    await migrateToLatest(db);
    return await firstStart(db);
  } finally {
    await db.destroy();
  }
}

async function serveHttp(config: Config, created: FirstStart | null = null): Promise<number> {
  const db = openDb(config.databaseUrl, {
    backgroundCheckpoints: true,
    lockTimeoutMs: config.writeLockTimeoutMs,
  });
  const app = await buildServer({ config, db });
  await app.listen({ host: config.host, port: config.port });
  // Every serving process sends webhooks too; their leases keep any two from sending the same delivery.
  const sender = startSender(db, config, app.log);
  // With PORT=0 the system picks the port: show the one actually bound.
  const { port } = app.server.address() as AddressInfo;
  if (created) console.log(firstStartMessage(created, { ...config, port }));

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  // Finish the requests in flight and the webhook requests (those cut short are sent again later), then release
  // the database.
  await app.close();
  await sender.stop();
  await db.destroy();
  // A worker's channel to the primary would keep it alive: let it go, so the worker exits.
  if (cluster.isWorker) cluster.worker?.disconnect();
  return 0;
}
