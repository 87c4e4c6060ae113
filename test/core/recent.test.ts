import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { RecentlyVerified } from '../../src/core/recent.ts';

/** Date.now() under the test's control, from 0. */
function clock(t: TestContext): (ms: number) => void {
  t.mock.timers.enable({ apis: ['Date'], now: 0 });
  return (ms) => t.mock.timers.tick(ms);
}

describe('recently verified secrets', () => {
  it('answers a remembered secret until it expires, then no longer', (t) => {
    const tick = clock(t);
    const verified = new RecentlyVerified<number>(1000);
    verified.remember('ck_first', 1);
    tick(999);
    assert.equal(verified.get('ck_first'), 1);
    assert.equal(verified.get('ck_other'), undefined);
    tick(1);
    assert.equal(verified.get('ck_first'), undefined);
  });

  it('drops the expired secrets when the next one is remembered', (t) => {
    const tick = clock(t);
    const verified = new RecentlyVerified<number>(1000);
    verified.remember('ck_first', 1);
    verified.remember('ck_second', 2);
    tick(1000);
    verified.remember('ck_third', 3);
    assert.equal(verified.size, 1);
    assert.equal(verified.get('ck_third'), 3);
  });

  it('moves a secret remembered again behind the others, so that they expire first', (t) => {
    const tick = clock(t);
    const verified = new RecentlyVerified<number>(1000);
    verified.remember('ck_first', 1);
    tick(100);
    verified.remember('ck_second', 2);
    tick(100);
    verified.remember('ck_first', 1);
    tick(950); // at 1150: ck_second expired at 1100, ck_first expires at 1200
    verified.remember('ck_third', 3);
    assert.equal(verified.size, 2);
    assert.equal(verified.get('ck_first'), 1);
  });

  it('starts over when full', (t) => {
    clock(t);
    const verified = new RecentlyVerified<number>(1000, 2);
    verified.remember('a', 1);
    verified.remember('b', 2);
    verified.remember('c', 3);
    assert.equal(verified.size, 1);
    assert.equal(verified.get('a'), undefined);
    assert.equal(verified.get('c'), 3);
  });
});
