// Calibration: the minimal hand-written Fastify + better-sqlite3 customer lookup that the issue quotes as the
// practical ceiling, run against the same SQLite file as Clientele. No auth, no tenant, no documents.
import formbody from '@fastify/formbody';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';

const [path, port] = process.argv.slice(2);
const db = new SQLite(path as string, { readonly: true });
const byId = db.prepare('select * from customers where id = ?');
const app = Fastify({ logger: false });
await app.register(formbody);
app.post('/kp/customers/fetch_one', async (request) => ({
  data: byId.get(Number((request.body as { id: string }).id)),
}));
app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ host: '127.0.0.1', port: Number(port) });
