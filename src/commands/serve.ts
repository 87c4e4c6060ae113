import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { firstStartMessage } from '../bootstrap.ts';
import { loadConfig, type Config } from '../config.ts';
import { createLogger, type Logger } from '../ops/logger.ts';
import { createMetrics } from '../ops/metrics.ts';
import { drain, exitSoon, release, stopSignal } from '../ops/shutdown.ts';
import { listenFailure } from '../ops/startup-errors.ts';
import { startSender } from '../events/sender.ts';
import { startKeyPurge } from '../ops/idempotency-purge.ts';
import { buildServer } from '../server.ts';
import { openDb } from '../store/db.ts';
import { command, parse } from './args.ts';
import { httpAddress, logStarted, prepareStore, type Prepared } from './prepare.ts';
import { serveWorkers } from './workers.ts';

/**
 * `clientele serve`: migrates the store and makes the first-start tenant, then serves HTTP in this process, or,
 * with WORKERS above 1, in that many worker processes sharing the port (see workers.ts). A worker only serves.
 */
export const serveCommand = command(
  {
    summary: 'run the HTTP server (migrates the store first; stops gracefully on SIGTERM)',
    usage: [
      'usage: clientele serve',
      '',
      'Configured by the environment (README: Configuration): HOST, PORT, DATABASE_URL, WORKERS, LOG_LEVEL,',
      'ACCESS_LOG, METRICS, SHUTDOWN_TIMEOUT_MS… The JSON log goes to standard output; the first-start banner',
      'with its secrets, and startup errors, to standard error. Running it as a service: docs/operations.md.',
    ].join('\n'),
  },
  async (args) => {
    parse(args, {});
    const config = loadConfig();
    const logger = createLogger(config);
    if (cluster.isWorker) return serveHttp(config, logger);
    const prepared = await prepareStore(config);
    if (config.workers > 1) return serveWorkers(config, logger, prepared);
    return serveHttp(config, logger, prepared);
  },
);

/**
 * How long a request waits for a new PostgreSQL connection before it answers 503. Without a limit, a database that
 * accepts connections but never answers (a hung host, a partition behind a proxy) held every request that needed a
 * new connection until the client gave up, and the pool's slots with them.
 */
const CONNECT_TIMEOUT_MS = 5000;

async function serveHttp(config: Config, logger: Logger, prepared?: Prepared): Promise<number> {
  const metrics = config.metrics ? createMetrics() : undefined;
  const db = openDb(config.databaseUrl, {
    backgroundCheckpoints: true,
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
    queryTimeoutMs: config.queryTimeoutMs,
    lockTimeoutMs: config.writeLockTimeoutMs,
    onQuery: metrics?.observeQuery,
  });
  const app = await buildServer({ config, db, logger, metrics });
  // Fastify logs a line per address it listens on; the start line below says it all, once.
  logger.level = 'silent';
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    await db.destroy();
    throw listenFailure(error, config.host, config.port) ?? error;
  } finally {
    logger.level = config.logLevel;
  }
  // Every serving process sends webhooks too; their leases keep any two from sending the same delivery.
  const sender = startSender(db, config, app.log, (outcome, deliveries) =>
    metrics?.webhookDeliveries.inc({ outcome }, deliveries),
  );
  // Expired Idempotency-Keys are deleted in the background (docs/idempotency.md).
  const purge = startKeyPurge(db, app.log);
  // With PORT=0 the system picks the port: show the one actually bound.
  const { port } = app.server.address() as AddressInfo;
  if (prepared) {
    logStarted(logger, config, httpAddress(config, port), prepared);
    if (prepared.created) process.stderr.write(firstStartMessage(prepared.created, { ...config, port }));
  }

  const signal = await stopSignal();
  // The primary of WORKERS=N logs the stop for all of its workers.
  if (!cluster.isWorker)
    logger.info({ signal, shutdownTimeoutMs: config.shutdownTimeoutMs }, 'clientele stopping');
  // Finish the requests in flight and the webhook requests (those cut short are sent again later), then release
  // the database.
  await drain(app, config.shutdownTimeoutMs, logger);
  await sender.stop();
  await purge.stop();
  await release(() => db.destroy());
  // A worker's channel to the primary would keep it alive: let it go, so the worker exits.
  if (cluster.isWorker) cluster.worker?.disconnect();
  exitSoon(0);
  return 0;
}
