import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emailKey, phoneKey } from '../../src/core/phones.ts';

describe('phone and e-mail keys', () => {
  it('unifies the Russian spellings of one number', () => {
    for (const spelling of [
      '+7 (999) 123-45-67',
      '89991234567',
      '9991234567',
      '7 999 123 45 67',
      '8-999-123-4567',
    ]) {
      assert.equal(phoneKey(spelling), '79991234567', spelling);
    }
  });

  it('keeps other numbers as their digits, and has no key without digits', () => {
    assert.equal(phoneKey('+39 333 1234567'), '393331234567');
    assert.equal(phoneKey('8 800'), '8800', 'only an 11-digit 8… is the national form');
    for (const none of [null, undefined, '', 'n/a', ' - ']) assert.equal(phoneKey(none), null);
  });

  it('compares e-mails trimmed and in lower case', () => {
    assert.equal(emailKey('  Irina@Shop.RU '), 'irina@shop.ru');
    assert.equal(emailKey('   '), null);
  });
});
