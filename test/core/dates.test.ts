import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { todayIn } from '../../src/core/dates.ts';

describe('todayIn', () => {
  it("gives the zone's date on each side of its midnight, asked again within the same minute", () => {
    // Rome is UTC+1 in winter: its day changes at 23:00 UTC.
    const before = new Date('2026-12-06T22:59:59.999Z');
    const after = new Date('2026-12-06T23:00:00.000Z');
    for (let i = 0; i < 2; i++) {
      assert.equal(todayIn('Europe/Rome', before), '2026-12-06');
      assert.equal(todayIn('Europe/Rome', after), '2026-12-07');
      assert.equal(todayIn('Europe/Rome', new Date('2026-12-06T23:00:59.000Z')), '2026-12-07');
      assert.equal(todayIn('UTC', after), '2026-12-06');
      assert.equal(todayIn('Asia/Kathmandu', new Date('2026-12-06T18:14:00Z')), '2026-12-06');
      assert.equal(todayIn('Asia/Kathmandu', new Date('2026-12-06T18:15:00Z')), '2026-12-07');
    }
  });

  it('keeps each zone apart and follows a clock moved by days', () => {
    const at = new Date('2026-12-06T12:00:00Z');
    assert.equal(todayIn('Pacific/Kiritimati', at), '2026-12-07');
    assert.equal(todayIn('Pacific/Pago_Pago', at), '2026-12-06');
    assert.equal(todayIn('Pacific/Kiritimati', new Date(at.getTime() + 3 * 86_400_000)), '2026-12-10');
    assert.equal(todayIn('Pacific/Kiritimati', at), '2026-12-07');
  });

  it('refuses an invalid date as before', () => {
    assert.throws(() => todayIn('UTC', new Date(Number.NaN)), RangeError);
  });
});
