import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb, type Db } from '../src/store/db.ts';

export interface BenchStore {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/**
 * An empty store migrated by the `clientele migrate` of the checkout at `tree`, so that each commit compared runs
 * on the schema it knows; the bench's seeds then fill it through this checkout's store functions.
 */
export async function benchStore(
  kind: 'sqlite' | 'postgres',
  tree: string,
  admin: string,
): Promise<BenchStore> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'clientele-bench-'));
    url = `sqlite:${join(dir, 'bench.db')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `clientele_bench_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const parsed = new URL(admin);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  execFileSync(process.execPath, [join(tree, 'bin/clientele.js'), 'migrate'], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  const db = openDb(url);
  return {
    url,
    db,
    drop: async () => {
      await db.destroy();
      await cleanup();
    },
  };
}
