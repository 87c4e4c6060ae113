import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { infoOf, MESSAGES } from './messages.ts';
import { contentType, readFormat, render } from './serializer.ts';
import { logFailure } from '../log-failure.ts';

function infoAndStatus(error: FastifyError | DomainError): { info: string; status: number } {
  if (error instanceof DomainError) {
    // Only a path that names no call is an HTTP error; every failed call is a `success` 0 reply.
    const unknownMethod = error.message === 'unknown method';
    return {
      info: unknownMethod ? MESSAGES.unknownMethod : infoOf(error),
      status: unknownMethod ? 404 : 200,
    };
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return { info: MESSAGES.tooLarge, status: 200 };
  if (status >= 400 && status < 500) return { info: MESSAGES.badRequest, status: 200 };
  return { info: MESSAGES.internal, status: 500 };
}

/** The one place where failures become virtpos replies: `success` 0 and a Russian `info`, XML or JSON. */
export function virtposErrorHandler(
  error: FastifyError | DomainError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const { info, status } = infoAndStatus(error);
  if (status === 500) logFailure(request, error);
  const format = readFormat((request.query as Record<string, unknown> | undefined)?.format);
  return reply
    .status(status)
    .header('content-type', contentType(format))
    .send(render(format, { success: 0, info }));
}
