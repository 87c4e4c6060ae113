import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay on loopback in front of a real PostgreSQL, so a test can make the database go away and come back
 * for the server under test (and only for it) without stopping the PostgreSQL that other tests share.
 */
export interface TcpProxy {
  port: number;
  /** `url` with its host and port replaced by the relay's. */
  via(url: string): string;
  /** Closes the listener and every relayed connection: the database is gone (connections refused). */
  stop(): Promise<void>;
  /** Listens again on the same port and relays as before. */
  start(): Promise<void>;
  /** Accepts connections but relays nothing: the database does not answer. */
  hang(): void;
  /**
   * Keeps every connection open, old and new, and drops what either side sends: a partition after the connections
   * were opened (a query sent now never gets its answer, nor the server the query).
   */
  stall(): void;
  /** Relays again what is sent from now on (what was dropped is lost). */
  flow(): void;
}

export async function tcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<Socket>();
  let hanging = false;
  let stalled = false;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const relay = (client: Socket) => {
    track(client);
    if (hanging) return;
    const upstream = connect(Number(targetPort || 5432), hostname);
    track(upstream);
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (chunk: Buffer) => {
        if (!stalled) to.write(chunk);
      });
    forward(client, upstream);
    forward(upstream, client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  };
  let server: Server = createServer(relay);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  const port = await listen(0);
  const cut = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    port,
    via: (url) => {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        cut();
      }),
    start: async () => {
      hanging = false;
      server = createServer(relay);
      await listen(port);
    },
    hang: () => {
      hanging = true;
      cut();
    },
    stall: () => {
      stalled = true;
    },
    flow: () => {
      stalled = false;
    },
  };
}
