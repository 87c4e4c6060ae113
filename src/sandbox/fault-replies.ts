import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FaultRule } from '../core/faults.ts';

/** How a dialect answers a faulted request in its own error shape. */
export type FaultReply = (
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message: string,
) => void;

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
