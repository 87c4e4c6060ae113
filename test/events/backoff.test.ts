import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryDelay } from '../../src/events/backoff.ts';

describe('retry delays', () => {
  it('double with each attempt, keeping between half and all of base × 2^(attempt − 1)', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((attempt) => retryDelay(attempt, 10_000, () => 0)),
      [5000, 10_000, 20_000, 40_000],
    );
    assert.deepEqual(
      [1, 2, 3, 4].map((attempt) => retryDelay(attempt, 10_000, () => 1)),
      [10_000, 20_000, 40_000, 80_000],
    );
  });

  it('never wait more than a day', () => {
    assert.equal(
      retryDelay(99, 10_000, () => 1),
      24 * 3600 * 1000,
    );
  });
});
