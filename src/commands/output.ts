/** What a command prints: one JSON document with `--json` (for scripts), else text for a person. */
export function print(json: boolean | undefined, data: unknown, text: () => string): void {
  console.log(json ? JSON.stringify(data) : text());
}

type Cell = string | number | boolean | null | undefined;

/** Rows under a header line, columns aligned: for a person; `--json` is for scripts. */
export function table(headers: string[], rows: Cell[][]): string {
  const cells = [headers, ...rows.map((row) => row.map((cell) => (cell == null ? '-' : String(cell))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
