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
      assert.deepEqual(utf8(text), Buffer.from(text, 'utf8'), JSON.stringify(text.slice(0, 20)));
    }
  });
});
