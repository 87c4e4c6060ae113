import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../store/db.ts';

/** What each dialect is given: the validated configuration and the store. */
export interface DialectDeps {
  config: Config;
  db: Db;
}

/** A dialect is one encapsulated Fastify plugin: its own parsing, authentication and error shape. */
export type Dialect = FastifyPluginAsync<DialectDeps>;
