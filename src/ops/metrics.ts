import client from 'prom-client';
import { Counter, Histogram, type CounterSeries, type HistogramSeries } from './series.ts';

/**
 * What Clientele counts, in Prometheus' text format at `/metrics` (docs/operations.md lists each series).
 * One registry per server rather than prom-client's global one: a test process runs several servers, and a
 * worker of `WORKERS=N` hands its own registry to the primary, which adds them up (see cluster-metrics.ts).
 */
export interface Metrics {
  registry: client.Registry;
  /** One request answered: its dialect, call and status, and how long it took in seconds (unknown: aborted). */
  observeRequest(dialect: string, call: string, status: number, seconds?: number): void;
  /** One store query run, in milliseconds (the unit Kysely's log reports); `failed` when it threw. */
  observeQuery(milliseconds: number, failed: boolean): void;
  /** Webhook delivery attempts by outcome (`delivered`, `retry`, `failed`), counted by the webhook sender. */
  webhookDeliveries: client.Counter<'outcome'>;
}

// Most calls take a millisecond or two; Netstorming's big inserts take seconds.
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const QUERY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

export function createMetrics(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const requests = new Counter(
    registry,
    'clientele_http_requests_total',
    'HTTP requests answered, by dialect, call and status',
  );
  const durations = new Histogram(
    registry,
    'clientele_http_request_duration_seconds',
    'Time from a request to its reply, by dialect, call and status',
    REQUEST_BUCKETS,
  );
  const queryHistogram = new Histogram(
    registry,
    'clientele_store_query_duration_seconds',
    'Time each store query took, successful or not',
    QUERY_BUCKETS,
  );
  const queries = queryHistogram.at('');
  const queryErrors = new Counter(
    registry,
    'clientele_store_query_errors_total',
    'Store queries that failed (a lock held too long, a connection lost, a constraint refused…)',
  ).at('');
  const webhookDeliveries = new client.Counter({
    name: 'clientele_webhook_deliveries_total',
    help: 'Webhook deliveries, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  // A request's series are found by one string of its dialect, call and status: a bounded set (the routes times
  // the statuses).
  const bound = new Map<string, { count: CounterSeries; duration: HistogramSeries }>();
  return {
    registry,
    observeRequest(dialect, call, status, seconds) {
      const key = `${dialect} ${call} ${status}`;
      let series = bound.get(key);
      if (!series) {
        const labels = { dialect, call, status };
        bound.set(key, (series = { count: requests.at(key, labels), duration: durations.at(key, labels) }));
      }
      series.count.value++;
      if (seconds !== undefined) durations.observe(series.duration, seconds);
    },
    observeQuery(milliseconds, failed) {
      queryHistogram.observe(queries, milliseconds / 1000);
      if (failed) queryErrors.value++;
    },
    webhookDeliveries,
  };
}
