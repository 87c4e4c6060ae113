import type { LoadOptions, LoadResult } from './scenario.ts';

/** The round with the median CPU per request (the middle one of an odd count). */
export function median(results: LoadResult[]): LoadResult {
  const sorted = [...results].sort((a, b) => (a.cpuUs ?? 0) - (b.cpuUs ?? 0));
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Loads compared with each other, run in rounds, each load once per round in turn: a drift of the machine's
 * speed (other work, thermal) then touches every load alike. Returns every round's result of each load.
 */
export async function interleaved(
  loads: Array<(round: number) => Promise<LoadResult>>,
  rounds: number,
): Promise<LoadResult[][]> {
  const results: LoadResult[][] = loads.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, run] of loads.entries()) results[i]!.push(await run(round));
  }
  return results;
}

export const percent = (on: number, off: number): string =>
  `${on >= off ? '+' : ''}${(((on - off) / off) * 100).toFixed(1)}%`;

export const failures = (results: LoadResult[]): number =>
  results.reduce((n, r) => n + r.non2xx + r.errors, 0);

/**
 * Zak `fetch_one` at 50 connections through each loader with its requests, in interleaved rounds of `seconds`
 * (the first with 2 s of warm-up: V8 optimises a hot path only after a while): every round's result of each.
 */
export function fetchOneRounds(
  loads: Array<{ load: (options: LoadOptions) => Promise<LoadResult>; requests: LoadOptions['requests'] }>,
  rounds: number,
  seconds: number,
): Promise<LoadResult[][]> {
  return interleaved(
    loads.map(
      ({ load, requests }) =>
        (round) =>
          load({
            path: '/kp/customers/fetch_one',
            requests,
            connections: 50,
            duration: seconds,
            warmup: round === 0 ? 2 : 0,
          }),
    ),
    rounds,
  );
}
