import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { utf8 } from '../../src/http/utf8.ts';

describe('utf8', () => {
  it('encodes exactly as Buffer.from does, whatever the width of the characters', () => {
    for (const text of [
      '',
      'ascii only',
      'Сергей Иванов',
      '€ and 𝄞 and 😀',
      '\uD800 lone surrogate',
      'x'.repeat(10_000),
    ]) {
      assert.deepEqual(utf8([text]), Buffer.from(text, 'utf8'), JSON.stringify(text.slice(0, 20)));
    }
  });

  it('writes pieces one after the other, each where it belongs', () => {
    // 3,000 pieces of mixed widths, a long one of two-byte characters, an empty one.
    const pieces = Array.from({ length: 3000 }, (_, i) => `Фамилия${String(i).padStart(5, '0')}-€-𝄞;`);
    pieces.push('я'.repeat(200_000), '', 'end');
    assert.deepEqual(utf8(pieces), Buffer.from(pieces.join(''), 'utf8'));
    assert.deepEqual(utf8([]), Buffer.alloc(0));
  });
});
