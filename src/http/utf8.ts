/**
 * A reply's pieces as UTF-8 bytes in one buffer, each piece encoded in one pass: `Buffer.from` first counts a
 * string's bytes, then encodes, and for mostly Cyrillic text the count costs as much as the encoding. A UTF-16 unit
 * never takes more than three bytes, so the buffer is sized for the worst case and cut to what was written; it lives
 * only until the reply is sent. Sized from the pieces, not grown from a fixed start, so that a phone lookup's reply of
 * a few hundred bytes comes from Node's shared pool rather than a 64 KB buffer of its own.
 *
 * Pieces, not one string: a page of 200 virtpos customers written as one JSON text (100 KB) cost about 1.3 ms in a
 * loop to turn into bytes, most of it V8 making the text `JSON.stringify` returns flat; the same page as pieces of
 * 50 customers, about 0.4 ms (docs/benchmarks.md, "A virtpos page's bytes written in pieces").
 */
export function utf8(pieces: readonly string[]): Buffer {
  let length = 0;
  for (const piece of pieces) length += piece.length;
  const buffer = Buffer.allocUnsafe(length * 3);
  let used = 0;
  for (const piece of pieces) used += buffer.write(piece, used, 'utf8');
  return buffer.subarray(0, used);
}
