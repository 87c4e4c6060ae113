import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { redactPath } from './redact.ts';

/** Why the connection is refused before any route ran: the HTTP parser's or the server's own verdict. */
export type TransportFailure = 'timeout' | 'headers too large' | 'malformed request';

export interface FailureReply {
  contentType: string;
  body: string;
}

type Render = (target: string, failure: TransportFailure) => FailureReply;

/** The access-log line of a request refused before any route: the fields of every other request's line. */
export interface RefusedLine {
  reqId: string;
  method: string;
  path: string;
  dialect: 'none';
  call: 'none';
  status: number;
}

const STATUS: Record<TransportFailure, string> = {
  timeout: '408 Request Timeout',
  'headers too large': '431 Request Header Fields Too Large',
  'malformed request': '400 Bad Request',
};

/** The request line as far as it arrived: method and target, for the dialect's shape and HEAD. */
function requestLine(error: { rawPacket?: unknown }, socket: Socket): { method: string; target: string } {
  // After the headers (a stalled body), node has built the request; before them only the raw bytes exist.
  const incoming = (socket as Socket & { parser?: { incoming?: { method?: string; url?: string } } }).parser
    ?.incoming;
  if (incoming?.url !== undefined) return { method: incoming.method ?? '', target: incoming.url };
  const raw = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.toString('latin1') : '';
  const line = /^([A-Z]+) (\S+)/.exec(raw);
  return { method: line?.[1] ?? '', target: line?.[2] ?? '' };
}

function failureOf(code: string | undefined): TransportFailure {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'timeout';
  if (code === 'HPE_HEADER_OVERFLOW') return 'headers too large';
  return 'malformed request';
}

/**
 * Node's `clientError`: what its HTTP parser refuses (headers or URL over the limit → 431, broken framing → 400)
 * and a request that did not arrive in time (→ 408). The connection is closed after the reply, so the reply says
 * `Connection: close`; its body takes the shape of the dialect the path names, none for HEAD.
 */
export function clientErrorHandler(render: Render, log: (line: RefusedLine) => void = () => {}) {
  return (error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void => {
    // A reset or an already closed socket has no one to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    // A reply already under way cannot be replaced by another; the socket is only closed.
    const replying = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage
      ?.headersSent;
    if (socket.writable && !replying) {
      const failure = failureOf(error.code);
      const { method, target } = requestLine(error, socket);
      const { contentType, body } = render(target, failure);
      // No header of such a request can be trusted: its id is always a new one.
      const reqId = randomUUID();
      socket.write(
        `HTTP/1.1 ${STATUS[failure]}\r\nConnection: close\r\nContent-Type: ${contentType}\r\n` +
          `X-Request-Id: ${reqId}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
          (method === 'HEAD' ? '' : body),
      );
      const status = Number(STATUS[failure].slice(0, 3));
      log({ reqId, method, path: redactPath(target), dialect: 'none', call: 'none', status });
    }
    socket.destroy();
  };
}
