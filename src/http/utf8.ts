/**
 * `text` as UTF-8 bytes, in one pass: `Buffer.from` first counts the bytes, then encodes, and for a page of mostly
 * Cyrillic text the count costs as much as the encoding. A UTF-16 unit never takes more than three bytes, so the
 * buffer is sized for the worst case and cut to what was written; it lives only until the reply is sent.
 */
export function utf8(text: string): Buffer {
  const buffer = Buffer.allocUnsafe(text.length * 3);
  return buffer.subarray(0, buffer.write(text, 'utf8'));
}
