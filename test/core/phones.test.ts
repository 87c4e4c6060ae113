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

  it("reads a number without a country code with the tenant country's rules, into E.164 digits", () => {
    const cases: Array<[string, string, string]> = [
      ['IT', '347 1234567', '393471234567'],
      ['IT', '347-123-4567', '393471234567'],
      ['IT', '+39 347 1234567', '393471234567'],
      ['IT', '0039 347 123 4567', '393471234567'],
      ['IT', '02 1234 5678', '390212345678'],
      ['RU', '8 999 123-45-67', '79991234567'],
      ['RU', '+7 (999) 123-45-67', '79991234567'],
      ['ES', '612 34 56 78', '34612345678'],
      ['ES', '+34 612 345 678', '34612345678'],
      ['ES', '0034 612345678', '34612345678'],
      ['DE', '0151 23456789', '4915123456789'],
      ['DE', '+49 151 23456789', '4915123456789'],
      // A number with its country code reads the same in any tenant.
      ['RU', '+39 347 1234567', '393471234567'],
      ['IT', '+7 999 123 45 67', '79991234567'],
      ['DE', '+34 612 345 678', '34612345678'],
    ];
    for (const [country, spelling, key] of cases)
      assert.equal(phoneKey(spelling, country), key, `${country} ${spelling}`);
  });

  it('reads 00 as the international prefix in any tenant, where the country dials another (RU 8~10, US 011)', () => {
    const cases: Array<[string, string, string]> = [
      ['RU', '0039 347 123 45 67', '393471234567'],
      ['RU', '00 49 151 23456789', '4915123456789'],
      ['RU', '810 39 347 1234567', '393471234567'],
      ['US', '0044 7911 123456', '447911123456'],
      ['US', '011 44 7911 123456', '447911123456'],
      ['US', '(0039) 347 1234567', '393471234567'],
      ['GB', '0039 347 1234567 ext. 5', '393471234567'],
    ];
    for (const [country, spelling, key] of cases)
      assert.equal(phoneKey(spelling, country), key, `${country} ${spelling}`);
    // Not a valid number after the 00 either: its digits, as before.
    assert.equal(phoneKey('0012', 'RU'), '0012');
  });

  it('keeps the digits of what is not a valid number, and the Russian national forms unified in RU', () => {
    assert.equal(phoneKey('12345', 'IT'), '12345');
    assert.equal(phoneKey('8 800', 'RU'), '8800');
    // Not a valid Italian number, so not read as one: an Italian tenant's 89991234567 stays its digits.
    assert.equal(phoneKey('89991234567', 'IT'), '89991234567');
  });

  it('compares e-mails trimmed and in lower case', () => {
    assert.equal(emailKey('  Irina@Shop.RU '), 'irina@shop.ru');
    assert.equal(emailKey('   '), null);
  });
});
