import autocannon from 'autocannon';
import type { LoadOptions, LoadResult } from './scenario.ts';

/** Runs autocannon against `base`; BENCH_DURATION (seconds) overrides every scenario's duration. */
export async function load(base: string, options: LoadOptions): Promise<LoadResult> {
  const duration = Number(process.env.BENCH_DURATION ?? options.duration ?? 10);
  const requests = options.requests ?? [
    { method: options.method ?? 'GET', path: options.path, headers: options.headers, body: options.body },
  ];
  const result = await autocannon({
    url: base,
    connections: options.connections,
    duration,
    requests: requests.map((r) => ({
      method: r.method ?? 'GET',
      path: r.path,
      headers: r.headers,
      body: r.body,
    })),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
