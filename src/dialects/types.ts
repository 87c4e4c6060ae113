import type { FastifyPluginAsync } from 'fastify';
import type { DialectDeps } from '../server.ts';

/** A dialect is one encapsulated Fastify plugin: its own parsing, authentication and error shape. */
export type Dialect = FastifyPluginAsync<DialectDeps>;
