import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPublicAddress, literalAddress, privateRefusal } from '../core/webhook-targets.ts';

/**
 * One webhook request: a POST that must answer within `timeoutMs`, whose redirects are not followed, of whose
 * reply only the status counts and at most MAX_REPLY bytes are read. Unless private addresses are allowed, the
 * name is resolved here and the connection is made to the public address that was checked, never to one a second
 * resolution might return (DNS rebinding).
 */
export interface PostOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  signal?: AbortSignal;
}

export type PostOutcome =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: string }
  | { ok: false; aborted: true };

/** Enough for any acknowledgement; a longer reply is cut, and its connection closed. */
const MAX_REPLY = 64 * 1024;

// Keep-alive: the deliveries of a webhook reuse the connection, already made to a checked address.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 8, maxTotalSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 8, maxTotalSockets: 256 }),
};

class RefusedAddress extends Error {
  readonly code = 'EREFUSED_ADDRESS';
}

/** `dns.lookup`, keeping only public addresses (node asks for one address or for all, depending on its settings). */
const publicLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...(options as LookupOptions), all: true }, (error, found: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const usable = found.filter((a) => isPublicAddress(a.address));
    if (usable.length === 0) {
      const refused = new RefusedAddress(`${hostname} → ${privateRefusal(found[0]?.address ?? '?')}`);
      return callback(refused, '', 0);
    }
    if ((options as LookupOptions).all) return (callback as never as AllCallback)(null, usable);
    callback(null, usable[0]!.address, usable[0]!.family);
  });
};
type AllCallback = (error: Error | null, addresses: LookupAddress[]) => void;

function describe(error: Error & { code?: string }, timeoutMs: number): string {
  switch (error.code) {
    case 'ETIMEDOUT_REPLY':
      return `no reply within ${timeoutMs} ms`;
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset';
    case 'EREFUSED_ADDRESS':
      return `refused: ${error.message}`;
    case 'ENOTFOUND':
      return 'host not found';
    default:
      return error.code ? `${error.code}: ${error.message}` : error.message;
  }
}

export function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: PostOptions,
): Promise<PostOutcome> {
  const target = new URL(url);
  const literal = literalAddress(target);
  if (!options.allowPrivate && literal !== undefined && !isPublicAddress(literal)) {
    return Promise.resolve({ ok: false, status: null, error: `refused: ${privateRefusal(literal)}` });
  }
  if (options.signal?.aborted) return Promise.resolve({ ok: false, aborted: true });
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const request = client.request(target, {
      method: 'POST',
      agent: agents[target.protocol as 'http:' | 'https:'],
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      ...(options.allowPrivate ? {} : { lookup: publicLookup }),
    });
    // One deadline for the whole exchange, the reply's body included: a receiver that trickles is cut off.
    const timer = setTimeout(() => {
      request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT_REPLY' }));
    }, options.timeoutMs);
    const abort = () => {
      settle({ ok: false, aborted: true });
      request.destroy();
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    const done = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
    };
    request.on('response', (reply) => {
      const status = reply.statusCode ?? 0;
      if (status >= 200 && status < 300) settle({ ok: true, status });
      else {
        const error =
          status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`;
        settle({ ok: false, status, error });
      }
      let read = 0;
      reply.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_REPLY) request.destroy();
      });
      reply.on('error', () => {});
      reply.on('close', done);
    });
    request.on('error', (error) => {
      done();
      settle({ ok: false, status: null, error: describe(error, options.timeoutMs) });
    });
    request.end(body);
  });
}
