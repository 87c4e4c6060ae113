import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/ops/logger.ts';
import type { Metrics } from '../../src/ops/metrics.ts';
import { buildServer } from '../../src/server.ts';
import type { TestStore } from '../helper.ts';

/** A log line as written: JSON with pino's fields and ours. */
export type LogLine = Record<string, unknown>;

export interface LoggedServer {
  base: string;
  /** Every line logged so far, parsed (each must be one JSON object). */
  lines: LogLine[];
  /** The raw text logged so far. */
  text(): string;
  /** The server's configuration and logger, for a background loop run beside it (as `serve` runs them). */
  config: Config;
  logger: Logger;
  close(): Promise<void>;
}

/** The real server over `store`, its JSON log kept in memory instead of written to standard output. */
export async function loggedServer(
  store: TestStore,
  env: Record<string, string> = {},
  metrics?: Metrics,
): Promise<LoggedServer> {
  let text = '';
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      for (const line of chunk.toString('utf8').split('\n'))
        if (line) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const config = loadConfig({ LOG_LEVEL: 'info', ...env, DATABASE_URL: store.url, PORT: '0' });
  const logger = createLogger(config, stream);
  const app = await buildServer({ config, db: store.db, logger, metrics });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    lines,
    text: () => text,
    config,
    logger,
    close: () => app.close(),
  };
}

/** The access-log lines (one per request). */
export const requestLines = (lines: LogLine[]) => lines.filter((l) => l.msg === 'request');
