import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
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

type Observe = (request: FastifyRequest, status: number, durationMs?: number) => void;

/**
 * What is told of each answered request: the access log and the request metrics, the names of the request worked
 * out once for both. An access-log line holds the method, the path (never the query, which may carry keys, phones
 * or document numbers), the dialect and call, the status, the duration, the request id and the tenant id; never a
 * header or a body. Probes and scrapes are logged at `debug` only.
 */
function observer({ logger, accessLog, metrics }: Observers): Observe | undefined {
  if (!accessLog && !metrics) return undefined;
  const writeLine = accessLineWriter(logger);
  return (request, status, durationMs) => {
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
}

/**
 * Fastify's log controller, told of every request Fastify has answered (`requestCompleted`, after its reply has
 * been written): there the access log and the metrics observe it, in place of Fastify's own two lines per
 * request. An `onResponse` hook did the same at a cost of its own on every request (Fastify's hook runner), with
 * the access log at the edge of its 10 % budget (docs/benchmarks.md).
 */
export class RequestObserver extends LogController {
  readonly #observe: Observe | undefined;
  readonly #logger: Logger;

  constructor(observers: Observers) {
    super({ disableRequestLogging: true });
    this.#observe = observer(observers);
    this.#logger = observers.logger;
  }

  override requestCompleted(_error: unknown, request: FastifyRequest, reply: FastifyReply): void {
    // Called from the reply's `finish` listener, where nothing would catch a throw: it would end the process.
    try {
      this.#observe?.(request, reply.statusCode, reply.elapsedTime);
    } catch (error) {
      this.#logger.error({ err: error }, 'observing a request failed');
    }
  }

  /**
   * A connection closed before its reply (the client hung up, or a shutdown cut it) is never completed: its line
   * says 499, as nginx does ("client closed request"), with no duration.
   */
  watchAborts(app: FastifyInstance): void {
    const observe = this.#observe;
    if (!observe) return;
    app.addHook('onRequestAbort', (request, done) => {
      observe(request, CLOSED_BEFORE_REPLY);
      done();
    });
  }
}
