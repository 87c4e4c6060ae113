import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.ts';
import { buildServer } from '../src/server.ts';
import { openDb } from '../src/store/db.ts';
import type { TestServer } from './helper.ts';

export interface Node {
  base: string;
  close(): Promise<void>;
}

/**
 * Another server over the same store as `server`, with its own connections: on PostgreSQL two nodes of one
 * deployment, for races between them. On SQLite it is a second connection to the same file.
 */
export async function secondNode(server: TestServer): Promise<Node> {
  const db = openDb(server.store.url);
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: server.store.url, PORT: '0' });
  const app = await buildServer({ config, db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}
