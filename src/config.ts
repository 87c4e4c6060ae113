import { availableParallelism } from 'node:os';

/** The only module that reads the environment: everything else receives a validated Config. */
export interface Config {
  databaseUrl: string;
  host: string;
  port: number;
  /** Largest request body accepted by the Zak and virtpos dialects, in bytes. */
  bodyLimit: number;
  /** Largest request body accepted by the Netstorming bulk calls, in bytes. */
  bulkBodyLimit: number;
  /** Most customers accepted in one Netstorming insert. */
  bulkItemLimit: number;
  /** scrypt cost N for agency passwords (a power of two); lower it only for tests. */
  passwordScryptN: number;
  /** Longest a request may take to arrive, headers and body, in milliseconds (408 and close after it). */
  requestTimeoutMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** HTTP processes serving one port over the same store (`WORKERS`, `auto` = one per core). */
  workers: number;
  /** SQLite: how long a write waits for the write lock held by another connection or process, in ms. */
  writeLockTimeoutMs: number;
  /**
   * PostgreSQL: how long `serve` lets a query wait for its answer before it closes the connection, in ms (0: none).
   * The default is six times the longest statement measured (a reset of 1,000,000 customers: 19 s; docs/storage.md).
   */
  queryTimeoutMs: number;
  /** The file of the keys that encrypt identity documents (created, mode 600, when missing). */
  dataKeyFile: string;
  /** On SIGTERM/SIGINT: how long the requests in flight may take to finish before their connections are cut. */
  shutdownTimeoutMs: number;
  /** One JSON line per request on standard output, at `info` (`ACCESS_LOG=0` turns it off). */
  accessLog: boolean;
  /** Prometheus metrics at `/metrics` (`METRICS=0` turns them off). */
  metrics: boolean;
  /** Webhooks: the pause after a first failed attempt, doubled after each further one (with jitter), in ms. */
  webhookRetryBaseMs: number;
  /** Webhooks: attempts of a delivery before it is `failed`. */
  webhookMaxAttempts: number;
  /** Webhooks: how long a receiver has to answer, in ms. */
  webhookTimeoutMs: number;
  /** Webhooks may point at loopback, private and link-local addresses (`WEBHOOK_ALLOW_PRIVATE=1`). */
  webhookAllowPrivate: boolean;
  /** Requests kept in each tenant's request journal (docs/sandbox.md); 0 turns the journal off. */
  journalSize: number;
  /** How long a reply stored under an Idempotency-Key is replayed, in hours (docs/idempotency.md). */
  idempotencyTtlHours: number;
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function powerOfTwo(n: number): number {
  if ((n & (n - 1)) !== 0) throw new ConfigError(`PASSWORD_SCRYPT_N must be a power of two, got ${n}`);
  return n;
}

function databaseUrl(raw: string | undefined): string {
  const url = raw === undefined || raw === '' ? 'sqlite:./data/clientele.db' : raw;
  if (!/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(url)) {
    throw new ConfigError(`DATABASE_URL must be sqlite:<path> or postgres://…, got "${url}"`);
  }
  return url;
}

function logLevel(raw: string | undefined): Config['logLevel'] {
  const level = raw === undefined || raw === '' ? 'info' : raw;
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  }
  return level as Config['logLevel'];
}

/** An on/off switch: `1`/`0` (also `true`/`false`, `on`/`off`); empty or absent means the default. */
function flag(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'on'].includes(raw)) return true;
  if (['0', 'false', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be 1 or 0, got "${env[name]}"`);
}

function workers(env: Record<string, string | undefined>): number {
  const raw = env.WORKERS;
  if (raw === 'auto') return availableParallelism();
  if (raw !== undefined && raw !== '' && !/^\d+$/.test(raw))
    throw new ConfigError(`WORKERS must be auto or a whole number from 1 to 64, got "${raw}"`);
  return integer(env, 'WORKERS', 1, 1, 64);
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return {
    databaseUrl: databaseUrl(env.DATABASE_URL),
    host: env.HOST || '127.0.0.1',
    port: integer(env, 'PORT', 8080, 0, 65535),
    bodyLimit: integer(env, 'BODY_LIMIT', 1024 * 1024, 1024, 1024 ** 3),
    bulkBodyLimit: integer(env, 'BULK_BODY_LIMIT', 32 * 1024 * 1024, 1024, 1024 ** 3),
    bulkItemLimit: integer(env, 'BULK_ITEM_LIMIT', 10_000, 1, 1_000_000),
    passwordScryptN: powerOfTwo(integer(env, 'PASSWORD_SCRYPT_N', 16_384, 1024, 1_048_576)),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
    logLevel: logLevel(env.LOG_LEVEL),
    workers: workers(env),
    writeLockTimeoutMs: integer(env, 'WRITE_LOCK_TIMEOUT_MS', 5000, 0, 600_000),
    queryTimeoutMs: integer(env, 'QUERY_TIMEOUT_MS', 120_000, 0, 86_400_000),
    dataKeyFile: env.DATA_KEY_FILE || './data/data-key.json',
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 3_600_000),
    accessLog: flag(env, 'ACCESS_LOG', true),
    metrics: flag(env, 'METRICS', true),
    webhookRetryBaseMs: integer(env, 'WEBHOOK_RETRY_BASE_MS', 10_000, 1, 86_400_000),
    webhookMaxAttempts: integer(env, 'WEBHOOK_MAX_ATTEMPTS', 12, 1, 100),
    webhookTimeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 5000, 100, 60_000),
    webhookAllowPrivate: flag(env, 'WEBHOOK_ALLOW_PRIVATE', false),
    journalSize: integer(env, 'JOURNAL_SIZE', 1000, 0, 1_000_000),
    idempotencyTtlHours: integer(env, 'IDEMPOTENCY_TTL_HOURS', 24, 1, 8760),
  };
}
