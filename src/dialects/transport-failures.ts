import type { FailureReply, TransportFailure } from '../http/client-errors.ts';
import { calls } from './netstorming/calls.ts';
import { insertFailure } from './netstorming/errors.ts';
import { MESSAGES } from './virtpos/messages.ts';
import { contentType, readFormat, render } from './virtpos/serializer.ts';

const ZAK_MESSAGES: Record<TransportFailure, string> = {
  timeout: 'request timeout',
  'headers too large': 'request headers too large',
  'malformed request': 'malformed request',
};

const VIRTPOS_MESSAGES: Record<TransportFailure, string> = {
  timeout: MESSAGES.timeout,
  'headers too large': MESSAGES.tooLarge,
  'malformed request': MESSAGES.badRequest,
};

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The reply to a request that never reached a route, in the shape of the dialect its path names (Zak under /kp/,
 * Netstorming at /api/customers and below, virtpos at /api/customer and below, as their not-found handlers take
 * them); any other path gets the server's own `{"error": …}`. `target` is the request target as sent (path and
 * query), possibly cut short.
 */
export function transportFailureReply(target: string, failure: TransportFailure): FailureReply {
  const path = target.split('?')[0] ?? '';
  if (path === '/api/customers' || path.startsWith('/api/customers/')) {
    const name = path.slice('/api/customers/'.length);
    const shape = (Object.hasOwn(calls, name) ? calls[name]?.failure : undefined) ?? insertFailure;
    return { contentType: JSON_TYPE, body: JSON.stringify(shape({}, [ZAK_MESSAGES[failure]])) };
  }
  if (path === '/api/customer' || path.startsWith('/api/customer/')) {
    const format = readFormat(new URLSearchParams(target.slice(path.length + 1)).get('format') ?? undefined);
    return {
      contentType: contentType(format),
      body: render(format, { success: 0, info: VIRTPOS_MESSAGES[failure] }),
    };
  }
  return { contentType: JSON_TYPE, body: JSON.stringify({ error: ZAK_MESSAGES[failure] }) };
}
