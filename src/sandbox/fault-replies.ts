import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FaultRule } from '../core/faults.ts';
import { insertFailure, type FailureShape } from '../dialects/netstorming/errors.ts';
import { contentType, readFormat, render } from '../dialects/virtpos/serializer.ts';

/** How a dialect answers a faulted request in its own error shape. */
export type FaultReply = (
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message: string,
) => void;

/** Zak: `{"error": …}`. */
export const zakFault: FaultReply = (_request, reply, status, message) => {
  reply.status(status).send({ error: message });
};

/** Netstorming: the route's own request-level failure shape. */
export const netstormingFault: FaultReply = (request, reply, status, message) => {
  const shape = (request.routeOptions.config as { failure?: FailureShape }).failure ?? insertFailure;
  const body = typeof request.body === 'object' && request.body !== null ? request.body : {};
  reply.status(status).send(shape(body as Record<string, unknown>, [message]));
};

/** virtpos: `success` 0 and an `info`, XML or JSON as the request asked. */
export const virtposFault: FaultReply = (request, reply, status, message) => {
  const format = readFormat((request.query as Record<string, unknown> | undefined)?.format);
  reply
    .status(status)
    .header('content-type', contentType(format))
    .send(render(format, { success: 0, info: message }));
};

/** A rule's reply: its own body as given, or the dialect's error shape; 429 tells when to retry. */
export function sendFault(
  request: FastifyRequest,
  reply: FastifyReply,
  rule: FaultRule,
  dialect: FaultReply,
) {
  const status = rule.status as number;
  if (status === 429) reply.header('retry-after', '1');
  reply.header('x-clientele-fault', String(rule.id));
  if (rule.body === null)
    return dialect(request, reply, status, `sandbox fault: ${status} ${STATUS_CODES[status] ?? ''}`.trim());
  if (typeof rule.body === 'string')
    return reply.status(status).type('text/plain; charset=utf-8').send(rule.body);
  return reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(rule.body));
}
