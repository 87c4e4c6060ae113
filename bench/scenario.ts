import type { Db } from '../src/store/db.ts';

/** The tenant a scenario seeds and loads: one tenant per scenario, so scenarios never see each other's data. */
export interface BenchTenant {
  id: number;
  key: string;
  keyId: number;
}

export interface SeedContext {
  db: Db;
  tenant: BenchTenant;
  store: 'sqlite' | 'postgres';
}

export interface LoadOptions {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Several request shapes, cycled through (e.g. different ids); overrides method/path/headers/body. */
  requests?: Array<{
    method?: 'GET' | 'POST';
    path: string;
    headers?: Record<string, string>;
    body?: string;
  }>;
  connections: number;
  /** Seconds; the harness may shorten it with BENCH_DURATION. */
  duration?: number;
  /**
   * Seconds of the same load first, not measured, so that the figures are those of optimised code. Only for
   * requests that can be repeated without changing what the measured run sees (reads).
   */
  warmup?: number;
}

export interface LoadResult {
  rps: number;
  /** CPU (user + system) of the server under load per request, in µs, when the harness knows its pid. */
  cpuUs?: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/** A Clientele server started for a scenario (another setting of the same commit, e.g. WORKERS=2). */
export interface ExtraServer {
  base: string;
  pid: number;
  load(options: LoadOptions): Promise<LoadResult>;
  stop(): Promise<void>;
}

export interface RunContext {
  /** `HEAD`, or the ref given to --compare: which commit's server this run measures. */
  label: string;
  base: string;
  /** The store the server under test runs on (`sqlite:<path>` or `postgres://…`). */
  databaseUrl: string;
  tenant: BenchTenant;
  store: 'sqlite' | 'postgres';
  /** PID of the server process under test, e.g. to sample its RSS. */
  serverPid: number;
  /** Loads the server under test; the result carries the server's CPU per request (`cpuUs`). */
  load(options: LoadOptions): Promise<LoadResult>;
  /** Starts another server of the same commit over the same store, with these settings (its log to `stdout`). */
  startServer(env?: Record<string, string>, stdout?: number): Promise<ExtraServer>;
  /**
   * In HEAD's run with `--compare`: the compared commit's server, loaded with the same data and keys. The rows
   * judged against that commit are measured here, in paired rounds with HEAD's (`pairedRounds`), and that commit's
   * own run leaves them out (`comparedByHead`).
   */
  compared?: { label: string; load(options: LoadOptions): Promise<LoadResult> };
  /** In the compared commit's run: HEAD's run has already measured the paired rows on this server. */
  comparedByHead?: boolean;
}

/** One printed line of the report. `rps` is compared with the bare Fastify route measured in the same run. */
export interface BenchRow {
  name: string;
  rps?: number;
  cpuUs?: number;
  p50?: number;
  p99?: number;
  /** Peak resident memory of the server, in MB, where the row measures it. */
  peakMb?: number;
  /** Free text: targets, seconds, items/s… */
  note?: string;
  /**
   * Requests/s of this row over the minimal lookup's, paired round by round (fetch_one's target); without it the
   * report divides the two rows' requests/s.
   */
  ratioToMinimal?: number;
  /**
   * Requests/s of this row over the compared commit's, paired round by round (the targets against the engine
   * issue's starting commit); without it the report divides the two rows' requests/s.
   */
  ratioToCompared?: number;
  /** The commit this row measured, when not the run's own (a compared commit's row of paired rounds). */
  target?: string;
  /** Requests/s of this row over those of the same write without a webhook (the webhooks target). */
  ratioToPlain?: number;
  /** Events the webhook sender delivered per second. */
  eventsPerSecond?: number;
}

export interface Scenario {
  name: string;
  /** Fills the scenario's tenant directly through the store before the server starts (bulk, fast). */
  seed?(ctx: SeedContext): Promise<void>;
  run(ctx: RunContext): Promise<BenchRow[]>;
}
