/**
 * Secrets verified against the store, remembered briefly: checking the store on every request would cost more
 * than the lookup the request is for. A revocation is seen at once by the process that made it (it clears the
 * cache) and within `recheckMs` by every other node.
 */
export class RecentlyVerified<T> {
  readonly #entries = new Map<string, { value: T; until: number }>();
  constructor(
    readonly recheckMs = 1000,
    readonly maxEntries = 10_000,
  ) {}

  get(hash: string): T | undefined {
    const known = this.#entries.get(hash);
    if (known && known.until > Date.now()) return known.value;
    if (known) this.#entries.delete(hash);
    return undefined;
  }

  remember(hash: string, value: T): void {
    if (this.#entries.size >= this.maxEntries) this.#entries.clear();
    this.#entries.set(hash, { value, until: Date.now() + this.recheckMs });
  }

  forget(hash: string): void {
    this.#entries.delete(hash);
  }

  clear(): void {
    this.#entries.clear();
  }
}
