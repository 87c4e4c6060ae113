import type { FastifyInstance } from 'fastify';
import { redactPath } from '../http/redact.ts';
import { requestNames } from '../http/request-names.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

export interface Observers {
  logger: Logger;
  /** One JSON line per request (`ACCESS_LOG`). */
  accessLog: boolean;
  metrics?: Metrics;
}

/**
 * One `onResponse` hook for both the access log and the request metrics, so the names of a request are worked
 * out once; with both off there is no hook at all. An access-log line holds the method, the path (never the
 * query, which may carry keys, phones or document numbers), the dialect and call, the status, the duration, the
 * request id and the tenant id; never a header or a body. Probes and scrapes are logged at `debug` only.
 */
export function observeRequests(app: FastifyInstance, { logger, accessLog, metrics }: Observers): void {
  if (!accessLog && !metrics) return;
  app.addHook('onResponse', (request, reply, done) => {
    const { dialect, call } = requestNames(request);
    const status = reply.statusCode;
    const durationMs = reply.elapsedTime;
    metrics?.observeRequest(dialect, call, status, durationMs / 1000);
    if (accessLog) {
      const line = {
        reqId: request.id,
        method: request.method,
        path: redactPath(request.url),
        dialect,
        call,
        status,
        durationMs: Math.round(durationMs * 100) / 100,
        tenantId: request.tenantId ?? undefined,
      };
      if (dialect === 'service') logger.debug(line, 'request');
      else logger.info(line, 'request');
    }
    done();
  });
}
