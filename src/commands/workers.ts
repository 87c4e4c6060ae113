import cluster, { type Worker } from 'node:cluster';
import { once } from 'node:events';
import { firstStartMessage } from '../bootstrap.ts';
import type { Config } from '../config.ts';
import { answerClusterMetrics } from '../ops/cluster-metrics.ts';
import type { Logger } from '../ops/logger.ts';
import { stopSignal } from '../ops/shutdown.ts';
import { httpAddress, logStarted, type Prepared } from './prepare.ts';

/**
 * WORKERS=N: N processes serve one port (node:cluster hands each new connection to the next worker in turn) over
 * the same store. The primary only watches them: a worker that dies is replaced, one that dies before it ever
 * listened stops the whole server (it would die again), and SIGTERM or SIGINT stops every worker gracefully, each
 * draining its own requests (SHUTDOWN_TIMEOUT_MS). It logs the start line once every worker listens, and the stop.
 */
export async function serveWorkers(config: Config, logger: Logger, prepared: Prepared): Promise<number> {
  let stopping = false;
  let failed = false;
  let started = false;
  const listening = new Set<number>();
  if (config.metrics) answerClusterMetrics();
  cluster.on('listening', (worker, address) => {
    listening.add(worker.id);
    if (started || listening.size !== config.workers) return;
    started = true;
    logStarted(logger, config, httpAddress(config, address.port), prepared);
    if (prepared.created)
      process.stderr.write(firstStartMessage(prepared.created, { ...config, port: address.port }));
    prepared.created = null;
  });
  const stopped = stopSignal();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (!listening.has(worker.id)) {
      logger.error({ pid: worker.process.pid, code }, 'a worker exited before listening: stopping');
      failed = true;
      process.emit('SIGTERM');
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'a worker died: starting another');
    listening.delete(worker.id);
    cluster.fork();
  });
  for (let i = 0; i < config.workers; i++) cluster.fork();

  const signal = await stopped;
  stopping = true;
  logger.info({ signal, shutdownTimeoutMs: config.shutdownTimeoutMs }, 'clientele stopping');
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
  await Promise.all(
    workers.map(async (worker) => {
      if (worker.isDead()) return;
      const exited = once(worker, 'exit');
      worker.process.kill('SIGTERM');
      await exited;
    }),
  );
  return failed ? 1 : 0;
}
