import type { FastifyRequest } from 'fastify';

/** The key of a Zak request: the `x-api-key` header, or the user name of HTTP Basic as older clients send it. */
export function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header.trim();
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const user = decoded.split(':')[0];
    return user ? user : undefined;
  }
  return undefined;
}
