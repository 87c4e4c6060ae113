import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ean13CheckDigit, uidToEan13 } from '../../src/core/ean13.ts';

describe('EAN-13', () => {
  it('computes the check digit of known codes', () => {
    // Published EAN-13 codes: a GS1 example, an ISBN-13 and the Wikipedia example.
    assert.equal(ean13CheckDigit('590123412345'), 7);
    assert.equal(ean13CheckDigit('978030640615'), 7);
    assert.equal(ean13CheckDigit('400638133393'), 1);
    assert.equal(ean13CheckDigit('000000000000'), 0);
  });

  it('pads a short uid with zeros to 12 digits before the check digit', () => {
    assert.equal(uidToEan13('590123412345'), '5901234123457');
    assert.equal(uidToEan13('12'), '0000000000123');
    assert.equal(uidToEan13('0'), '0000000000000');
  });

  it('gives no code to a uid that is not 1–12 digits', () => {
    for (const uid of ['1234567890123', 'AB12', '', '12 34', '-12']) assert.equal(uidToEan13(uid), null, uid);
  });
});
