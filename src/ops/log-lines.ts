import type pino from 'pino';

/**
 * Lines gathered here and handed to the log destination (pino's SonicBoom) as one string per batch. SonicBoom
 * measures the UTF-8 length of its whole pending chunk on every write it is given, and that chunk, built by
 * appending, is copied flat each time: with one write per access-log line, each line copied the kilobytes pending
 * before it (measured: a line cost about 10 µs in the server, docs/benchmarks.md). Joined here, each line is
 * copied once.
 */
export class LineBatch implements pino.DestinationStream {
  #lines: string[] = [];
  #chars = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(
    readonly destination: pino.DestinationStream & { flushSync?: () => void },
    readonly minChars: number,
    everyMs: number,
  ) {
    this.#timer = setInterval(() => this.hand(), everyMs);
    this.#timer.unref();
    // pino flushes the destination when the process exits, before this listener runs: what is still gathered here
    // is handed over and flushed again.
    process.once('exit', () => {
      this.hand();
      this.destination.flushSync?.();
    });
  }

  write(line: string): void {
    this.#lines.push(line);
    this.#chars += line.length;
    if (this.#chars >= this.minChars) this.hand();
  }

  /** Hands what is gathered to the destination. */
  hand(): void {
    if (this.#lines.length === 0) return;
    const text = this.#lines.length === 1 ? this.#lines[0]! : this.#lines.join('');
    this.#lines = [];
    this.#chars = 0;
    this.destination.write(text);
  }

  flushSync(): void {
    this.hand();
    this.destination.flushSync?.();
  }
}
