// The yardstick: a bare Fastify route answering a constant JSON body, measured in the same run as Clientele.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/bare', async () => ({ data: { hello: 'world' } }));
app.get('/bare', async () => ({ data: { hello: 'world' } }));
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) });
console.log('listening');
