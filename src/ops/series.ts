import type client from 'prom-client';

/**
 * Counters and histograms of the request path, registered in a prom-client registry, which formats them, adds
 * them up across `WORKERS` and serves them with the process metrics. prom-client's own `observe` validates and
 * hashes the labels and looks each bucket up by its bound's text on every call: about 3 µs a request, a few per
 * cent of a `fetch_one` (docs/benchmarks.md). Here a series is found once by its label values and an observation
 * adds to an array.
 */

type Labels = Record<string, string | number>;
type MetricValue = client.MetricValueWithName<string>;

interface Metric<S> {
  readonly name: string;
  readonly help: string;
  /** As the text format names it (prom-client's typings declare a numeric enum its code does not use). */
  readonly type: 'counter' | 'histogram';
  readonly aggregator: client.Aggregator;
  series: Map<string, S>;
}

/** Registers `metric` with `registry`, which calls `get` on every scrape. */
function register<S>(registry: client.Registry, metric: Metric<S>, values: () => MetricValue[]): void {
  const { name, help, type, aggregator } = metric;
  // The registry's interface for a metric of one's own: a name, and `get` answering what a scrape prints.
  registry.registerMetric({
    name,
    help,
    type,
    aggregator,
    get: async () => ({ name, help, type, aggregator, values: values() }),
  } as unknown as client.Metric<string>);
}

export interface CounterSeries {
  labels: Labels;
  value: number;
}

/** A counter: `series(labels…)` once, then `value++`. */
export class Counter implements Metric<CounterSeries> {
  readonly type = 'counter';
  readonly aggregator = 'sum' as const;
  readonly series = new Map<string, CounterSeries>();

  constructor(
    registry: client.Registry,
    readonly name: string,
    readonly help: string,
  ) {
    register(registry, this, () =>
      [...this.series.values()].map(({ labels, value }) => ({ labels, value, metricName: name })),
    );
  }

  /** The series of these labels (`key`: their values joined, to find it again without hashing an object). */
  at(key: string, labels: Labels = {}): CounterSeries {
    let series = this.series.get(key);
    if (!series) this.series.set(key, (series = { labels, value: 0 }));
    return series;
  }
}

export interface HistogramSeries {
  labels: Labels;
  /** Observations at or under each bound, not cumulated (the last slot: above every bound). */
  counts: Float64Array;
  sum: number;
  count: number;
}

/** A histogram with fixed bounds: `at(…)` once per series, then `observe(series, value)`. */
export class Histogram implements Metric<HistogramSeries> {
  readonly type = 'histogram';
  readonly aggregator = 'sum' as const;
  readonly series = new Map<string, HistogramSeries>();

  constructor(
    registry: client.Registry,
    readonly name: string,
    readonly help: string,
    readonly bounds: readonly number[],
  ) {
    register(registry, this, () => [...this.series.values()].flatMap((s) => this.#values(s)));
  }

  at(key: string, labels: Labels = {}): HistogramSeries {
    let series = this.series.get(key);
    if (!series)
      this.series.set(
        key,
        (series = { labels, counts: new Float64Array(this.bounds.length + 1), sum: 0, count: 0 }),
      );
    return series;
  }

  observe(series: HistogramSeries, value: number): void {
    let i = 0;
    while (i < this.bounds.length && value > this.bounds[i]!) i++;
    series.counts[i]!++;
    series.sum += value;
    series.count++;
  }

  /** Prometheus' cumulative buckets, then `+Inf`, sum and count. */
  #values({ labels, counts, sum, count }: HistogramSeries): MetricValue[] {
    const values: MetricValue[] = [];
    let below = 0;
    this.bounds.forEach((le, i) => {
      below += counts[i]!;
      values.push({ metricName: `${this.name}_bucket`, labels: { ...labels, le }, value: below });
    });
    values.push(
      { metricName: `${this.name}_bucket`, labels: { ...labels, le: '+Inf' }, value: count },
      { metricName: `${this.name}_sum`, labels, value: sum },
      { metricName: `${this.name}_count`, labels, value: count },
    );
    return values;
  }
}
