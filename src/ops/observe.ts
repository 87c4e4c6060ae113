import type { FastifyInstance, FastifyRequest } from 'fastify';
import { redactPath } from '../http/redact.ts';
import { requestNames } from '../http/request-names.ts';
import { accessLineWriter } from './access-line.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

const CLOSED_BEFORE_REPLY = 499;

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
  const writeLine = accessLineWriter(logger);
  const observe = (request: FastifyRequest, status: number, durationMs?: number) => {
    const { dialect, call } = requestNames(request);
    metrics?.observeRequest(dialect, call, status, durationMs === undefined ? undefined : durationMs / 1000);
    const level = dialect === 'service' ? 'debug' : 'info';
    // A line pino would drop is not built (the bench runs at `warn`, as a quiet production server may).
    if (!accessLog || !logger.isLevelEnabled(level)) return;
    writeLine(level, {
      reqId: request.id,
      method: request.method,
      path: redactPath(request.url),
      dialect,
      call,
      status,
      durationMs: durationMs === undefined ? undefined : Math.round(durationMs * 100) / 100,
      tenantId: request.tenantId ?? undefined,
    });
  };
  app.addHook('onResponse', (request, reply, done) => {
    observe(request, reply.statusCode, reply.elapsedTime);
    done();
  });
  // A connection closed before its reply (the client hung up, or a shutdown cut it) has no response: its line
  // says 499, as nginx does ("client closed request"), with no duration.
  app.addHook('onRequestAbort', (request, done) => {
    observe(request, CLOSED_BEFORE_REPLY);
    done();
  });
}
