/**
 * A reply's pieces as UTF-8 bytes in one buffer, each piece encoded in one pass: `Buffer.from` first counts a
 * string's bytes, then encodes, and for mostly Cyrillic text the count costs as much as the encoding. A UTF-16 unit
 * never takes more than three bytes, so room is made for the worst case of each piece and the buffer is cut to what
 * was written; it lives only until the reply is sent.
 *
 * Pieces, not one string: a page of 200 virtpos customers written as one JSON text (100 KB) cost about 1.3 ms to
 * turn into bytes, most of it V8 flattening the text `JSON.stringify` returns; the same page as pieces of 50
 * customers, about 0.4 ms (docs/benchmarks.md, "A page's bytes written in pieces").
 */
export function utf8(pieces: Iterable<string>): Buffer {
  let buffer = Buffer.allocUnsafe(START);
  let used = 0;
  for (const piece of pieces) {
    const room = used + piece.length * 3;
    if (room > buffer.length) {
      const larger = Buffer.allocUnsafe(Math.max(buffer.length * 2, room));
      buffer.copy(larger, 0, 0, used);
      buffer = larger;
    }
    used += buffer.write(piece, used, 'utf8');
  }
  return buffer.subarray(0, used);
}

/** Room for most pages at once; a larger reply doubles it as it goes. */
const START = 64 * 1024;
