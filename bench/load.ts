import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { LoadOptions, LoadResult } from './scenario.ts';

/** CPU time (user and system) that process `pid` has used so far, in µs; undefined where /proc is not Linux's. */
function cpuMicros(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the parenthesised command name come the fields from the third on; utime and stime are the 14th and
    // 15th, counted in clock ticks of 10 ms.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}

/**
 * Runs autocannon against `base`; BENCH_DURATION (seconds) overrides every scenario's duration. With the pid of
 * the server under load, also its CPU time per request: on a machine whose free capacity swings from run to run,
 * that figure stays put while requests/s move.
 */
export async function load(base: string, options: LoadOptions, serverPid?: number): Promise<LoadResult> {
  const requests = (
    options.requests ?? [
      { method: options.method, path: options.path, headers: options.headers, body: options.body },
    ]
  ).map((r) => ({ method: r.method ?? 'GET', path: r.path, headers: r.headers, body: r.body }));
  const run = (duration: number) =>
    autocannon({ url: base, connections: options.connections, duration, requests });
  // Unmeasured first: V8 optimises a hot path only after it has run for a while.
  if (options.warmup) await run(options.warmup);
  const cpuBefore = serverPid === undefined ? undefined : cpuMicros(serverPid);
  const result = await run(Number(process.env.BENCH_DURATION ?? options.duration ?? 10));
  const cpuAfter = serverPid === undefined ? undefined : cpuMicros(serverPid);
  const cpuUs =
    cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0
      ? (cpuAfter - cpuBefore) / result.requests.total
      : undefined;
  return {
    rps: result.requests.average,
    cpuUs,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
