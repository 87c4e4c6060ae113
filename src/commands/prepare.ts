import { firstStart, type FirstStart } from '../bootstrap.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../ops/logger.ts';
import { openDb } from '../store/db.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { openDataKeys } from '../core/data-keys.ts';
import { VERSION } from '../version.ts';
import { STARTUP_OPTIONS } from './store.ts';

/** What the primary did to the store before serving: for the start line and the first-start banner. */
export interface Prepared {
  applied: string[];
  created: FirstStart | null;
}

/** Migrates the store and, on an empty one, makes the demo tenant; before any process serves. */
export async function prepareStore(config: Config): Promise<Prepared> {
  const db = openDb(config.databaseUrl, { ...STARTUP_OPTIONS, poolSize: 1 });
  try {
    const applied = await migrateToLatest(db);
    // Before any worker starts, so that the key file is made once: each worker's server opens it (server.ts).
    const keys = openDataKeys(config.dataKeyFile);
    if (keys.created) {
      console.error(
        `Created the data key file ${keys.path} (mode 600): it encrypts identity documents and webhook signing ` +
          'secrets. Back it up apart from the store: without it they cannot be read.',
      );
    }
    return { applied, created: await firstStart(db) };
  } finally {
    await db.destroy();
  }
}

export function httpAddress(config: Config, port: number): string {
  return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
}

/** The one line logged at start: what runs, on what store, where, and what it migrated. */
export function logStarted(logger: Logger, config: Config, address: string, prepared: Prepared): void {
  logger.info(
    {
      version: VERSION,
      store: config.databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres',
      address,
      workers: config.workers,
      migrationsApplied: prepared.applied,
      accessLog: config.accessLog,
      metrics: config.metrics,
    },
    'clientele started',
  );
}
