import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { adminApi } from './admin/plugin.ts';
import { ADMIN_OPENAPI } from './admin/openapi.ts';
import { openDocumentKeys } from './core/document-keys.ts';
import { declareRequestTags } from './http/request-tags.ts';
import { echoRequestId, requestId } from './http/request-id.ts';
import { createLogger, type Logger } from './ops/logger.ts';
import { createMetrics, type Metrics } from './ops/metrics.ts';
import { metricsRoute } from './ops/metrics-route.ts';
import { RequestObserver } from './ops/observe.ts';
import { probes } from './ops/probes.ts';
import { openapiRoutes } from './openapi/routes.ts';
import { docsPage } from './docs-page/plugin.ts';
import { consolePage } from './console/plugin.ts';
import { failureOf } from './http/failures.ts';
import { dialects } from './dialects/index.ts';
import type { DialectDeps } from './dialects/types.ts';
import { clientErrorHandler } from './http/client-errors.ts';
import { unfitText } from './http/request-text.ts';
import { validators } from './http/validation.ts';
import { transportFailureReply } from './dialects/transport-failures.ts';
import { createSandbox } from './sandbox/sandbox.ts';

/** What the server is built from: what each dialect is given, and how the server is watched. */
export interface AppDeps extends Omit<DialectDeps, 'sandbox'> {
  /** The JSON log (ops/logger.ts); made from the configuration when absent. */
  logger?: Logger;
  /** Metrics (METRICS): `serve` passes the registry its store reports query times to; made when absent. */
  metrics?: Metrics;
}

export async function buildServer({
  config,
  db,
  logger = createLogger(config),
  metrics = config.metrics ? createMetrics() : undefined,
}: AppDeps): Promise<FastifyInstance> {
  await openDocumentKeys(db, config.dataKeyFile);
  const observer = new RequestObserver({ logger, accessLog: config.accessLog, metrics });
  const app = Fastify({
    // Keys never reach a log line, whichever logs the request (see http/redact.ts and ops/logger.ts).
    loggerInstance: logger as FastifyBaseLogger,
    // Fastify's own two lines per request cost more than a lookup; ops/observe.ts writes one (ACCESS_LOG) and
    // counts the request (METRICS) when Fastify reports it completed.
    logController: observer,
    // Nor does a child logger per request pay for its one bound field; each line of a request names its id.
    childLoggerFactory: (logger) => logger,
    // The caller's x-request-id when it is acceptable, else a new one; echoed on every reply.
    genReqId: requestId,
    bodyLimit: config.bodyLimit,
    // Route schemas (the admin API's) report every field's problem, and refuse unknown fields instead of
    // dropping them silently.
    ajv: { customOptions: { allErrors: true, removeAdditional: false } },
    // ... and read a JSON body's values as they were sent, never coerced to the schema's types.
    schemaController: { compilersFactory: { buildValidator: validators } },
    return503OnClosing: true,
    // A client has this long to send its request, headers and body (408 and close after it); node checks the
    // open connections against it every `connectionsCheckingInterval`, so that is kept well below it.
    requestTimeout: config.requestTimeoutMs,
    http: {
      headersTimeout: Math.min(config.requestTimeoutMs, 60_000),
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(config.requestTimeoutMs / 4))),
    },
    // What node's HTTP parser refuses, and a request that timed out, answer in the dialect's shape.
    clientErrorHandler: clientErrorHandler(transportFailureReply, (line) => {
      if (config.accessLog) logger.info(line, 'request');
    }),
  });
  declareRequestTags(app);
  echoRequestId(app);
  observer.watchAborts(app);
  const sandbox = createSandbox(db, config, logger);
  const journal = sandbox.journal;
  if (journal) {
    // Every tenant request (a verified key) is journaled as its reply leaves; nothing at all with JOURNAL_SIZE=0.
    app.addHook('onSend', (request, reply, payload, done) => {
      journal.record(request, reply, payload);
      done(null, payload);
    });
    app.addHook('onClose', () => journal.close());
  }

  // Outside every dialect: never leak internals of a 5xx, keep client errors readable.
  app.setErrorHandler((error: Error, request, reply) => {
    const failure = failureOf(request, error);
    const message = failure.kind === 'internal' ? 'internal error' : error.message;
    return reply.status(failure.status).send({ error: message });
  });
  // The path only: a query may hold a key (virtpos sends `apikey` there), and a reply that repeats it lands in
  // the client's logs.
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: `not found: ${request.url.split('?', 1)[0]}` }),
  );

  // Values nested too deep, NULs and lone surrogates are refused up front as invalid input (http/request-text.ts),
  // which each dialect's error handler renders in its own shape. A callback hook: an async one costs every request
  // a promise. A route that reads neither (the console's page, routed in the browser) opts out with `anyQuery`:
  // its page then hands the value to the admin API, which refuses it in words the page shows (docs/console.md).
  // The opt-out is asked only of a request refused: `routeOptions` builds a new object at every read.
  app.addHook('preHandler', (request, _reply, done) => {
    const unfit = unfitText(request.query) ?? unfitText(request.body);
    done(unfit && !request.routeOptions.config.anyQuery ? unfit : undefined);
  });

  probes(app, db);
  if (metrics) metricsRoute(app, metrics);
  // The admin API's document is generated from the schemas of its routes (untagged routes are left out).
  await app.register(swagger, ADMIN_OPENAPI);
  for (const dialect of dialects) await app.register(dialect, { config, db, sandbox });
  await app.register(adminApi, { prefix: '/admin/v1', config, db, sandbox });
  app.get('/openapi/admin.json', async () => app.swagger());
  openapiRoutes(app);
  docsPage(app);
  consolePage(app);
  return app;
}
