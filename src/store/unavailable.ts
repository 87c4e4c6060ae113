/**
 * The store could not serve a request for now: SQLite's write lock held elsewhere for longer than the lock timeout,
 * or the PostgreSQL server unreachable. Every surface answers it with a 503 in its own shape; retrying later can
 * succeed, and nothing was written.
 */
export class StoreUnavailable extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreUnavailable';
  }
}
