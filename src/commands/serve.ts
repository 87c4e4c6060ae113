import type { AddressInfo } from 'node:net';
import { firstStart, firstStartMessage } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { buildServer } from '../server.ts';
import { openDb } from '../store/db.ts';
import { migrateToLatest } from '../store/migrate.ts';

export async function serveCommand(): Promise<number> {
  const config = loadConfig();
  const db = openDb(config.databaseUrl, { backgroundCheckpoints: true });
  await migrateToLatest(db);
  const created = await firstStart(db);
  const app = await buildServer({ config, db });
  await app.listen({ host: config.host, port: config.port });
  // With PORT=0 the system picks the port: show the one actually bound.
  const { port } = app.server.address() as AddressInfo;
  if (created) console.log(firstStartMessage(created, { ...config, port }));

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  // Finish the requests in flight, then release the database.
  await app.close();
  await db.destroy();
  return 0;
}
