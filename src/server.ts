import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { invalid } from './core/errors.ts';
import { failureOf } from './http/failures.ts';
import { dialects } from './dialects/index.ts';
import { containsNul } from './http/nul.ts';
import type { DialectDeps } from './dialects/types.ts';

/** What the server is built from: the same as each dialect is given. */
export type AppDeps = DialectDeps;

export async function buildServer({ config, db }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    // Per-request log lines cost more than a lookup on the hot paths; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // Nor does a child logger per request pay for its one bound field; failures log the request id themselves.
    childLoggerFactory: (logger) => logger,
    bodyLimit: config.bodyLimit,
    return503OnClosing: true,
  });

  // Outside every dialect: never leak internals of a 5xx, keep client errors readable.
  app.setErrorHandler((error: Error, request, reply) => {
    const failure = failureOf(request, error);
    const message = failure.kind === 'internal' ? 'internal error' : error.message;
    return reply.status(failure.status).send({ error: message });
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send({ error: `not found: ${request.url}` }));

  // PostgreSQL can neither store nor compare a NUL in text, and no vendor field can hold one: refuse it up front
  // as invalid input, which each dialect's error handler renders in its own shape.
  // A callback hook: an async one costs every request a promise.
  app.addHook('preHandler', (request, _reply, done) => {
    if (containsNul(request.query) || containsNul(request.body)) {
      return done(invalid('invalid parameter: NUL character in the request'));
    }
    done();
  });

  app.get('/health', async () => ({ status: 'ok' }));
  for (const dialect of dialects) await app.register(dialect, { config, db });
  return app;
}
