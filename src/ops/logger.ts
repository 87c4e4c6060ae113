import pino, { type Logger } from 'pino';
import type { Config } from '../config.ts';
import { REDACT_PATHS, REDACTED, redactUrl } from '../http/redact.ts';
import { LineBatch } from './log-lines.ts';

export type { Logger };

/**
 * Lines are gathered up to this many characters before a write, and written at least this often; what is left is
 * written when the process exits, so a SIGKILL loses at most the last quarter second. The writes are synchronous,
 * as node's own standard output is on Linux for files and pipes: an asynchronous write costs a thread-pool round
 * trip, and at thousands of requests a second writes of 64 KB in the request thread cost the access log 2–3 µs a
 * request less than asynchronous writes of 4 KB (docs/benchmarks.md).
 */
const BUFFERED_CHARS = 65_536;
const FLUSH_EVERY_MS = 250;

/**
 * The process's one JSON log stream, on standard output: the start and stop lines, the access log, failures.
 * Text meant for a person (the first-start banner with its secrets, startup errors) goes to standard error
 * instead, so the stream stays one JSON object a line. Keys never reach a line (see http/redact.ts).
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: {
        req: (request: { method: string; url: string }) => ({
          method: request.method,
          url: redactUrl(request.url),
        }),
      },
    },
    destination ??
      new LineBatch(pino.destination({ dest: 1, minLength: 0, sync: true }), BUFFERED_CHARS, FLUSH_EVERY_MS),
  );
}
