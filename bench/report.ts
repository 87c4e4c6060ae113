import type { BenchRow } from './scenario.ts';

/** A row of the report: which store, and which commit measured it (`floor` for the floors). */
export interface Line extends BenchRow {
  store: 'sqlite' | 'postgres';
  target: string;
}

export const NAMES = {
  minimal: 'minimal Fastify+SQLite lookup',
  bare: 'bare Fastify route',
  fetchOne: 'zak fetch_one (10k customers)',
  pages: 'zak fetch_reservations (100k, arrival filter, 64/page)',
  write: 'zak new (write path)',
  json: 'virtpos page of 200, JSON (1M)',
  xml: 'virtpos page of 200, XML (1M)',
  exportJson: 'virtpos full export JSON (1M), a server of its own',
  exportXml: 'virtpos full export XML (1M), a server of its own',
  workers2: ', WORKERS=2',
};

const fmt = (n: number | undefined, digits = 0) =>
  n === undefined || !Number.isFinite(n) ? '' : n.toFixed(digits);

function table(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const row of [header, ...rows]) {
    console.log(
      row
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  }
}

const find = (lines: Line[], store: string, target: string, name: string) =>
  lines.find((l) => l.store === store && l.target === target && l.name === name);

/** Every row with its ratios to the floors of its store, and to the same row of the compared commit. */
export function printReport(lines: Line[], compared?: string) {
  const rows = lines.map((l) => {
    const minimal =
      find(lines, l.store, 'HEAD', NAMES.minimal) ?? find(lines, 'sqlite', 'HEAD', NAMES.minimal);
    const bare = find(lines, l.store, 'floor', NAMES.bare);
    const other = compared && l.target === 'HEAD' ? find(lines, l.store, compared, l.name) : undefined;
    return [
      l.store,
      l.target,
      l.name,
      fmt(l.rps),
      fmt(l.ratioToMinimal ?? (l.rps && minimal?.rps ? l.rps / minimal.rps : undefined), 2),
      fmt(l.rps && bare?.rps ? l.rps / bare.rps : undefined, 2),
      fmt(l.ratioToCompared ?? (l.rps && other?.rps ? l.rps / other.rps : undefined), 2),
      fmt(l.cpuUs),
      fmt(l.p50, 1),
      fmt(l.p99, 1),
      l.note ?? '',
    ];
  });
  const vs = compared ? `÷ ${compared}` : '÷ compared';
  table(
    [
      'store',
      'commit',
      'scenario',
      'req/s',
      '÷ minimal',
      '÷ bare',
      vs,
      'cpu µs/req',
      'p50 ms',
      'p99 ms',
      'note',
    ],
    rows,
  );
  console.log('');
  printTargets(lines, compared);
}

/** The issue's targets, as ratios within this run, on SQLite (PostgreSQL beside them, not held to them). */
function printTargets(lines: Line[], compared?: string) {
  const rows: string[][] = [];
  const ratio = (store: string, name: string, base: Line | undefined) => {
    const head = find(lines, store, 'HEAD', name);
    return head?.rps && base?.rps ? head.rps / base.rps : undefined;
  };
  const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'NOT met');
  for (const store of ['sqlite', 'postgres'] as const) {
    const fetchOne = find(lines, store, 'HEAD', NAMES.fetchOne);
    const minimal = find(lines, 'sqlite', 'HEAD', NAMES.minimal);
    const r = fetchOne?.ratioToMinimal ?? ratio(store, NAMES.fetchOne, minimal);
    if (fetchOne) {
      rows.push([
        store,
        'fetch_one ≥ 0.75× minimal lookup, p99 < 10 ms',
        // The minimal lookup runs on SQLite only: a PostgreSQL-only run has no ratio to print.
        `${r === undefined ? 'no minimal lookup' : `${fmt(r, 2)}×`}, p99 ${fmt(fetchOne.p99, 1)} ms`,
        store === 'sqlite'
          ? verdict(r === undefined ? undefined : r >= 0.75 && fetchOne.p99! < 10)
          : 'reported',
      ]);
    }
    for (const [label, name] of [
      ['fetch_reservations ≥ 1.0× compared commit', NAMES.pages],
      ['new ≥ 1.0× compared commit', NAMES.write],
      ['virtpos page JSON ≥ 1.0× compared commit', NAMES.json],
      ['virtpos page XML ≥ 1.0× compared commit', NAMES.xml],
    ] as const) {
      if (!find(lines, store, 'HEAD', name)) continue;
      const x = compared
        ? (find(lines, store, 'HEAD', name)?.ratioToCompared ??
          ratio(store, name, find(lines, store, compared, name)))
        : undefined;
      rows.push([
        store,
        label,
        fmt(x, 2) + (x === undefined ? 'run with --compare' : '×'),
        store === 'sqlite' ? verdict(x === undefined ? undefined : x >= 1) : 'reported',
      ]);
    }
    for (const name of [NAMES.fetchOne, NAMES.pages]) {
      const two = find(lines, store, 'HEAD', name + NAMES.workers2);
      const one = find(lines, store, 'HEAD', name);
      if (two && one)
        rows.push([store, `WORKERS=2 ÷ WORKERS=1: ${name}`, `${fmt(two.rps! / one.rps!, 2)}×`, 'reported']);
    }
    // Rows measured against the same call without their feature (a webhook, an Idempotency-Key): ≥ 0.9×.
    for (const l of lines) {
      if (l.store !== store || l.target !== 'HEAD' || l.ratioToPlain === undefined) continue;
      const what = l.name.includes('Idempotency-Key')
        ? 'new with an Idempotency-Key'
        : 'new with one webhook';
      rows.push([
        store,
        `${what} ≥ 0.9× new without`,
        `${fmt(l.ratioToPlain, 2)}×`,
        verdict(l.ratioToPlain >= 0.9),
      ]);
    }
    const sender = lines.find(
      (l) => l.store === store && l.target === 'HEAD' && l.name.startsWith('webhook sender'),
    );
    if (sender) {
      const rate = sender.eventsPerSecond;
      rows.push([
        store,
        'webhook sender ≥ 500 events/s',
        `${fmt(rate)}/s`,
        verdict(rate === undefined ? false : rate >= 500),
      ]);
    }
    for (const name of [NAMES.exportJson, NAMES.exportXml]) {
      const row = find(lines, store, 'HEAD', name);
      if (row?.peakMb !== undefined) {
        rows.push([
          store,
          `${name}: peak RSS < 250 MB`,
          `${fmt(row.peakMb)} MB`,
          store === 'sqlite' ? verdict(row.peakMb < 250) : 'reported',
        ]);
      }
    }
  }
  table(['store', 'target', 'this run', 'verdict'], rows);
}
