import cluster, { type Worker } from 'node:cluster';
import { once } from 'node:events';
import { firstStartMessage, type FirstStart } from '../bootstrap.ts';
import type { Config } from '../config.ts';

/**
 * WORKERS=N: N processes serve one port (node:cluster hands each new connection to the next worker in turn) over
 * the same store. The primary only watches them: a worker that dies is replaced, one that dies before it ever
 * listened stops the whole server (it would die again), and SIGTERM or SIGINT stops every worker gracefully.
 */
export async function serveWorkers(config: Config, created: FirstStart | null): Promise<number> {
  let stopping = false;
  let failed = false;
  const listening = new Set<number>();
  cluster.on('listening', (worker, address) => {
    if (listening.size === 0 && created)
      console.log(firstStartMessage(created, { ...config, port: address.port }));
    listening.add(worker.id);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (!listening.has(worker.id)) {
      console.error(
        `clientele serve: worker ${worker.process.pid} exited before listening (code ${code}); stopping`,
      );
      failed = true;
      process.emit('SIGTERM');
      return;
    }
    console.error(
      `clientele serve: worker ${worker.process.pid} died (${signal ?? `code ${code}`}); starting another`,
    );
    cluster.fork();
  });
  for (let i = 0; i < config.workers; i++) cluster.fork();

  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  stopping = true;
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
