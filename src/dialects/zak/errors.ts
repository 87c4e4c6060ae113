import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { httpStatus } from '../http-status.ts';
import { logFailure } from '../log-failure.ts';

/** The one place where failures become Zak's `{"error": …}` replies. */
export function zakErrorHandler(
  error: FastifyError | DomainError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof DomainError) {
    const message = error.code === 'unauthorized' ? 'Authentication error' : error.message;
    return reply.status(httpStatus[error.code]).send({ error: message });
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return reply.status(413).send({ error: 'request body too large' });
  if (status >= 400 && status < 500) {
    const message =
      error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported content type' : 'malformed request body';
    return reply.status(status === 415 ? 415 : 400).send({ error: message });
  }
  logFailure(request, error);
  return reply.status(500).send({ error: 'internal error' });
}
