import pino, { type Logger } from 'pino';

/** What an access-log line holds besides pino's own fields (level, time, pid, hostname, msg). */
export interface AccessFields {
  reqId: string;
  method: string;
  path: string;
  dialect: string;
  call: string;
  status: number;
  /** Absent for a request closed before its reply; a value that is not a finite number is written null, as pino does. */
  durationMs?: number;
  /** Absent for a request without a verified key. */
  tenantId?: number;
}

const str = JSON.stringify;

/**
 * A writer of access-log lines, in the exact shape pino gives any line of `logger` (its level number, time and
 * bindings first, `msg` last), straight into the logger's stream. pino walks each object it logs through its
 * serializers and redaction: in the server that cost 2–3 µs a request, half of what the whole access log cost, and
 * took `fetch_one` past the access log's 10 % budget (docs/benchmarks.md). An access line has fixed fields that
 * hold no secret (the path is redacted before), so it needs none of that.
 */
export function accessLineWriter(logger: Logger) {
  const stream = (logger as unknown as Record<symbol, { write(line: string): void }>)[
    pino.symbols.streamSym
  ]!;
  return (level: 'info' | 'debug', f: AccessFields): void => {
    // Read per line: the level and the bindings may change while the server runs (serve silences start-up).
    const bindings = (logger as unknown as Record<symbol, string>)[pino.symbols.chindingsSym]!;
    stream.write(
      `{"level":${logger.levels.values[level]},"time":${Date.now()}${bindings},"reqId":${str(f.reqId)},` +
        `"method":${str(f.method)},"path":${str(f.path)},"dialect":${str(f.dialect)},"call":${str(f.call)},` +
        `"status":${f.status}` +
        (f.durationMs === undefined
          ? ''
          : `,"durationMs":${Number.isFinite(f.durationMs) ? f.durationMs : null}`) +
        (f.tenantId === undefined ? '' : `,"tenantId":${f.tenantId}`) +
        `,"msg":"request"}\n`,
    );
  };
}
