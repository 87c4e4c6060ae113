import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { TestServer } from './helper.ts';

/**
 * On SQLite, the store's file and its write-ahead log as someone who copies them would read them, once the log is
 * copied back and emptied: none of `words` may be in them. On PostgreSQL the files are the server's: nothing is
 * read (the callers check its rows).
 */
export async function assertNotInStoreFiles(
  server: Pick<TestServer, 'store' | 'db'>,
  words: string[],
): Promise<void> {
  if (!server.store.url.startsWith('sqlite:')) return;
  const path = server.store.url.slice('sqlite:'.length);
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(server.db);
  for (const file of [path, `${path}-wal`].filter(existsSync)) {
    const bytes = readFileSync(file);
    for (const word of words) assert.equal(bytes.indexOf(word), -1, `${word} in ${file}`);
  }
}
