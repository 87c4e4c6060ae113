// The floor of every floor: Node's own HTTP server answering a fixed small JSON, no framework at all.
import { createServer } from 'node:http';

const body = JSON.stringify({ data: { hello: 'world' } });
createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
    });
    response.end(body);
  });
}).listen(Number(process.argv[2] ?? 0), '127.0.0.1');
