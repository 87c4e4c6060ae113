import cluster from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import { askClusterMetrics } from './cluster-metrics.ts';
import type { Metrics } from './metrics.ts';

/** `GET /metrics`: the registry in Prometheus' text format; in a worker, the sum over all workers. */
export function metricsRoute(app: FastifyInstance, metrics: Metrics): void {
  const read = cluster.isWorker ? askClusterMetrics(metrics.registry) : () => metrics.registry.metrics();
  app.get('/metrics', async (_request, reply) => {
    const text = await read();
    return reply.header('content-type', metrics.registry.contentType).send(text);
  });
}
