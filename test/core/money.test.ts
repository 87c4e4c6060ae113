import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromCents, splitVat, toBasisPoints, toCents } from '../../src/core/money.ts';

describe('money', () => {
  it("splits the seed's VAT-inclusive totals exactly: 13221 at 13 % → 11700 + 1521", () => {
    assert.deepEqual(splitVat(1_322_100, 1300), { total: 1_322_100, amount: 1_170_000, vat: 152_100 });
    assert.deepEqual(splitVat(10_000, 1200), { total: 10_000, amount: 8929, vat: 1071 });
    assert.deepEqual(splitVat(999, 0), { total: 999, amount: 999, vat: 0 });
  });

  it('prints cents as the shortest decimal (17750.85, never 17750.850000000002)', () => {
    assert.equal(JSON.stringify(fromCents(1_322_100 + 452_985)), '17750.85');
    assert.equal(JSON.stringify(fromCents(1_322_100)), '13221');
  });

  it('rounds a third decimal half up on the digits as written, not on the binary float', () => {
    assert.equal(toCents(1.005, 'price'), 101);
    assert.equal(toCents('1.015', 'price'), 102);
    assert.equal(toCents(2.675, 'price'), 268);
    assert.equal(toCents(1.004, 'price'), 100);
    assert.equal(toBasisPoints(1.005, 'vat_rate'), 101);
    assert.equal(toBasisPoints('5.5', 'vat_rate'), 550);
  });

  it('reads decimal amounts into cents and refuses what is not an amount', () => {
    assert.equal(toCents(101.5, 'price'), 10150);
    assert.equal(toCents('0.1', 'price'), 10);
    assert.equal(toCents(0.1 + 0.2, 'price'), 30);
    for (const bad of [-1, 'x', null, Number.NaN, Infinity, {}])
      assert.throws(() => toCents(bad, 'price'), /invalid amount/);
  });

  it('reads an amount or a rate written as text only as decimal digits, never hex, binary or an exponent', () => {
    assert.equal(toCents(' 12.50 ', 'price'), 1250);
    assert.equal(toCents('7', 'price'), 700);
    // Number('0x10') is 16: a meal priced "0x10" was booked at 16.00, a VAT rate "0b1010" read as 10 %.
    for (const bad of ['0x10', '0b1010', '0o17', '1e2', '1_000', 'Infinity', '12,50', '+-1'])
      assert.throws(() => toCents(bad, 'price'), /invalid amount/, bad);
    for (const bad of ['0x5', '0b1010', '1e1'])
      assert.throws(() => toBasisPoints(bad, 'vat_rate'), /invalid VAT rate/, bad);
  });
});
