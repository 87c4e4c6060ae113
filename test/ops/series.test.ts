import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import client from 'prom-client';
import { Counter, Histogram } from '../../src/ops/series.ts';

describe('counters and histograms of the request path (src/ops/series.ts)', () => {
  it('prints cumulative buckets, a value equal to a bound counted in it, sum and count per series', async () => {
    const registry = new client.Registry();
    const histogram = new Histogram(registry, 'test_seconds', 'a test histogram', [0.1, 1]);
    const a = histogram.at('a', { call: 'a' });
    for (const value of [0.05, 0.1, 0.5, 2]) histogram.observe(a, value);
    histogram.observe(histogram.at('b', { call: 'b' }), 0.5);
    assert.equal(histogram.at('a', { call: 'ignored' }), a, 'a series is found again by its key');
    const text = await registry.metrics();
    for (const line of [
      'test_seconds_bucket{call="a",le="0.1"} 2',
      'test_seconds_bucket{call="a",le="1"} 3',
      'test_seconds_bucket{call="a",le="+Inf"} 4',
      'test_seconds_sum{call="a"} 2.65',
      'test_seconds_count{call="a"} 4',
      'test_seconds_bucket{call="b",le="0.1"} 0',
      'test_seconds_count{call="b"} 1',
    ])
      assert.ok(text.split('\n').includes(line), `${line}\nin:\n${text}`);
    assert.match(text, /# TYPE test_seconds histogram/);
  });

  it('does not count a value that is not a finite number', async () => {
    const registry = new client.Registry();
    const histogram = new Histogram(registry, 'test_seconds', 'a test histogram', [1]);
    const series = histogram.at('');
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, 0.5]) histogram.observe(series, value);
    assert.deepEqual([series.count, series.sum], [1, 0.5]);
  });

  it('prints a counter with its labels, and a counter without labels at 0 once created', async () => {
    const registry = new client.Registry();
    const counter = new Counter(registry, 'test_total', 'a test counter');
    counter.at('x 200', { call: 'x', status: 200 }).value += 3;
    counter.at('');
    const text = await registry.metrics();
    assert.ok(text.includes('test_total{call="x",status="200"} 3'), text);
    assert.ok(text.split('\n').includes('test_total 0'), text);
    assert.match(text, /# TYPE test_total counter/);
  });
});
