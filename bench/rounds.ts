import type { LoadResult } from './scenario.ts';

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
