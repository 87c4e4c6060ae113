/**
 * Secrets verified against the store (and documents decrypted, by row id: core/document-seal.ts), remembered
 * briefly: checking the store on every request would cost more than the lookup the request is for. A revocation
 * is seen at once by the process that made it (it clears the cache) and within `recheckMs` by every other node.
 *
 * Entries are found by the secret as presented, not by its hash: the store keeps only hashes, but hashing on every
 * request cost a `fetch_one` 2.6–5.9 µs in the server (OpenSSL's one-shot SHA-256; docs/benchmarks.md, issue 11).
 * A secret stays in this process's memory as the requests that presented it do, and an expired one is dropped
 * when the next secret is remembered.
 */
export class RecentlyVerified<T, K = string> {
  readonly #entries = new Map<K, { value: T; until: number }>();
  constructor(
    readonly recheckMs = 1000,
    readonly maxEntries = 10_000,
  ) {}

  get(secret: K): T | undefined {
    const known = this.#entries.get(secret);
    if (known && known.until > Date.now()) return known.value;
    if (known) this.#entries.delete(secret);
    return undefined;
  }

  remember(secret: K, value: T): void {
    const now = Date.now();
    // Entries are kept in the order they expire (each for `recheckMs`): the expired ones lead.
    for (const [known, entry] of this.#entries) {
      if (entry.until > now) break;
      this.#entries.delete(known);
    }
    if (this.#entries.size >= this.maxEntries) this.#entries.clear();
    this.#entries.delete(secret);
    this.#entries.set(secret, { value, until: now + this.recheckMs });
  }

  /** How many secrets are held, expired ones not yet dropped included. */
  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}
