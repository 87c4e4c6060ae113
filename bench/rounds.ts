import type { BenchRow, LoadOptions, LoadResult } from './scenario.ts';

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

/**
 * The rounds of an interleaved comparison: `fallback`, or BENCH_ROUNDS. A cost of a few per cent of a 35–100 µs
 * request is one to three µs, about the spread between rounds; more rounds narrow the paired median below.
 */
export function rounds(fallback: number): number {
  const given = process.env.BENCH_ROUNDS;
  if (given === undefined || given === '') return fallback;
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`BENCH_ROUNDS: a whole number of rounds, not "${given}"`);
  return n;
}

/**
 * `on` against `off`, round by round (the two ran back to back in each round, so a drift of the machine's speed
 * touches both alike): the median of the per-round ratios of `field`. Steadier than the ratio of the two medians,
 * whose rounds may come from different moments of the run.
 */
export function pairedRatio(on: LoadResult[], off: LoadResult[], field: 'rps' | 'cpuUs'): number {
  const ratios = on
    .map((r, i) => (r[field] ?? NaN) / (off[i]?.[field] ?? NaN))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (ratios.length === 0) return NaN;
  const mid = Math.floor(ratios.length / 2);
  return ratios.length % 2 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
}

/** A paired ratio as a change in per cent (`+8.3%`). */
export const pairedPercent = (ratio: number): string =>
  Number.isNaN(ratio) ? 'unknown' : `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;

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

/** The paired rounds of the rows judged against `--compare`'s commit, and each round's seconds. */
export const PAIRED_ROUNDS = rounds(5);
export const PAIRED_SECONDS = 4;

/** One round of a load: the round's number lets a write book its own dates each round. */
type RoundLoad = (round: number) => Promise<LoadResult>;

/**
 * A load on HEAD's server and, with `--compare`, the same load on the compared commit's, in paired rounds: each round
 * runs both back to back, the order alternating from round to round (in one `--compare` run the commit measured
 * first booked 1.27× and 1.36× faster than the second with the same write path), so that neither the machine's
 * drift nor the order favours one commit. Single loads of each, a scenario apart, once read 0.86× for `new` in one
 * scenario and 1.47× for the same call in another of the same run.
 */
export async function pairedRounds(
  head: RoundLoad,
  compared: RoundLoad | undefined,
  count: number,
): Promise<{ head: LoadResult[]; compared?: LoadResult[] }> {
  const results = { head: [] as LoadResult[], compared: compared && ([] as LoadResult[]) };
  for (let round = 0; round < count; round++) {
    if (compared && round % 2 === 1) results.compared!.push(await compared(round));
    results.head.push(await head(round));
    if (compared && round % 2 === 0) results.compared!.push(await compared(round));
  }
  return results;
}

/**
 * The rows of a paired load: HEAD's median round, with its requests/s over the compared commit's as the median of
 * the per-round ratios, and the compared commit's median round under that commit's label.
 */
export function pairedRows(
  name: string,
  note: string,
  results: { head: LoadResult[]; compared?: LoadResult[] },
  comparedLabel: string | undefined,
): BenchRow[] {
  const rounds = `median of ${results.head.length} rounds`;
  const failed = (r: LoadResult[]) => (failures(r) ? `; ${failures(r)} failed` : '');
  const head: BenchRow = {
    name,
    ...median(results.head),
    note: `${note}; ${rounds}${results.compared ? ', paired' : ''}${failed(results.head)}`,
  };
  if (!results.compared || comparedLabel === undefined) return [head];
  head.ratioToCompared = pairedRatio(results.head, results.compared, 'rps');
  return [
    head,
    {
      name,
      ...median(results.compared),
      note: `${note}; ${rounds}, paired with HEAD's${failed(results.compared)}`,
      target: comparedLabel,
    },
  ];
}
