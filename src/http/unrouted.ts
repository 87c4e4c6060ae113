import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MethodNotAllowed } from './method-not-allowed.ts';
import { authenticated } from './request-tags.ts';

/** How a dialect answers the requests under one of its prefixes that no route of it takes. */
export interface Unrouted {
  /**
   * The methods the call at `rest` (the decoded path below the prefix, '' for the prefix itself) serves, as
   * `Allow` lists them; undefined when `rest` names no call.
   */
  allow(rest: string): string | undefined;
  /** The dialect's own 404 (a DomainError it renders) for a path that names no call. */
  unknown(rest: string): Error;
  /**
   * Zak verifies the key before it says a call is unknown, as it does on GET and POST: the 404 then waits for the
   * body and the dialect's auth hook. Without it the 404 is answered at once, before the body is read.
   */
  keyFirst: boolean;
  /** An error handler of its own, when the dialect's shape depends on the call the path names (Netstorming). */
  errorHandler?: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => unknown;
}

const restOf = (request: FastifyRequest) => (request.params as { '*'?: string })['*'] ?? '';

/**
 * A dialect's not-found handler for `prefix` (Fastify keeps one per prefix, in a router of its own that a routed
 * request never consults, so the calls' own routes cost nothing more). Every method reaches it that no route takes:
 * - a known call asked with a method it does not serve: 405 with `Allow`, decided as the request arrives (before
 *   its body and its key are read, as HEAD on a write is: see method-not-allowed.ts);
 * - any other path under the prefix names no call: the dialect's 404 (after the key when `keyFirst`).
 * Both in the dialect's error shape: the plugin registering this passes on its hooks and error handler. Neither
 * reply repeats the query, where a virtpos client sends its key.
 */
export function unroutedPaths(app: FastifyInstance, prefix: string, answer: Unrouted): void {
  void app.register(
    async (paths) => {
      if (answer.errorHandler) paths.setErrorHandler(answer.errorHandler);
      paths.addHook('onRequest', (request, reply, done) => {
        const rest = restOf(request);
        const allow = answer.allow(rest);
        if (allow !== undefined) {
          reply.header('allow', allow);
          return done(new MethodNotAllowed(allow));
        }
        done(answer.keyFirst ? undefined : answer.unknown(rest));
      });
      paths.setNotFoundHandler(async (request) => {
        if (answer.keyFirst) authenticated(request);
        throw answer.unknown(restOf(request));
      });
    },
    { prefix },
  );
}
