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

/** A metric's series by label values, registered with a registry that calls `values` on every scrape. */
abstract class Family<S extends { labels: Labels }> {
  readonly series = new Map<string, S>();

  constructor(
    registry: client.Registry,
    readonly name: string,
    help: string,
    /** As the text format names it (prom-client's typings declare a numeric enum its code does not use). */
    type: 'counter' | 'histogram',
  ) {
    const aggregator: client.Aggregator = 'sum';
    // The registry's interface for a metric of one's own: a name, and `get` answering what a scrape prints.
    registry.registerMetric({
      name,
      help,
      type,
      aggregator,
      get: async () => ({
        name,
        help,
        type,
        aggregator,
        values: [...this.series.values()].flatMap((s) => this.values(s)),
      }),
    } as unknown as client.Metric<string>);
  }

  /** The series of these labels (`key`: their values joined, to find it again without hashing an object). */
  at(key: string, labels: Labels = {}): S {
    let series = this.series.get(key);
    if (!series) this.series.set(key, (series = this.create(labels)));
    return series;
  }

  protected abstract create(labels: Labels): S;
  protected abstract values(series: S): MetricValue[];
}

export interface CounterSeries {
  labels: Labels;
  value: number;
}

/** A counter: `at(…)` once per series, then `value++`. */
export class Counter extends Family<CounterSeries> {
  constructor(registry: client.Registry, name: string, help: string) {
    super(registry, name, help, 'counter');
  }

  protected create(labels: Labels): CounterSeries {
    return { labels, value: 0 };
  }

  protected values({ labels, value }: CounterSeries): MetricValue[] {
    return [{ metricName: this.name, labels, value }];
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
export class Histogram extends Family<HistogramSeries> {
  constructor(
    registry: client.Registry,
    name: string,
    help: string,
    readonly bounds: readonly number[],
  ) {
    super(registry, name, help, 'histogram');
  }

  /**
   * Counts `value` in the first bucket whose bound it does not exceed. A value that is not a finite number is not
   * counted: it would make the sum NaN for good (prom-client threw).
   */
  observe(series: HistogramSeries, value: number): void {
    if (!Number.isFinite(value)) return;
    let i = 0;
    while (i < this.bounds.length && value > this.bounds[i]!) i++;
    series.counts[i]!++;
    series.sum += value;
    series.count++;
  }

  protected create(labels: Labels): HistogramSeries {
    return { labels, counts: new Float64Array(this.bounds.length + 1), sum: 0, count: 0 };
  }

  /** Prometheus' cumulative buckets, then `+Inf`, sum and count. */
  protected values({ labels, counts, sum, count }: HistogramSeries): MetricValue[] {
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
