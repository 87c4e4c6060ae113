import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../store/db.ts';
import type { Sandbox } from '../sandbox/sandbox.ts';

/** What each dialect is given: the validated configuration and the store. */
export interface DialectDeps {
  config: Config;
  db: Db;
  /** This server's fault rules and request journal (docs/sandbox.md). */
  sandbox: Sandbox;
}

/** A dialect is one encapsulated Fastify plugin: its own parsing, authentication and error shape. */
export type Dialect = FastifyPluginAsync<DialectDeps>;
