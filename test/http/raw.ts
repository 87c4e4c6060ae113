import { connect } from 'node:net';

export interface RawExchange {
  /** Everything the server wrote before it closed the connection. */
  text: string;
  /** Milliseconds from the first byte sent to the close. */
  elapsed: number;
}

/**
 * Sends `request` as raw bytes (then nothing more) and collects the answer until the server closes the socket.
 * Rejects if it is still open after `limitMs`: a request the server never ends is the failure under test.
 */
export function rawExchange(base: string, request: string | Buffer, limitMs = 20_000): Promise<RawExchange> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error(`socket still open after ${limitMs} ms`));
    }, limitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(guard);
      resolve({ text: Buffer.concat(chunks).toString('utf8'), elapsed: Date.now() - started });
    });
    socket.write(request);
  });
}

/** The status line, headers (lower-case names) and body of a raw HTTP/1.1 answer. */
export function parseRaw(text: string): { status: number; headers: Record<string, string>; body: string } {
  const end = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(end + 4) };
}
