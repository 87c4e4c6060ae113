import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSender, type AttemptOutcome, type Sender } from '../../src/events/sender.ts';
import { startHotel, type Hotel } from '../dialects/zak/hotel.ts';
import { runCliWith, type CliResult, silentLog } from '../helper.ts';

/** One request a receiver got: its path, headers and raw body. */
export interface Push {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How a receiver answers a push on a path; `nth` counts the pushes on that path from 1. */
export type Behaviour = (res: ServerResponse, push: Push, nth: number, req: IncomingMessage) => void;

export interface Receiver {
  url(path: string): string;
  /** The pushes received on `path` (every path when absent), in arrival order. */
  pushes(path?: string): Push[];
  /** Answers pushes on `path` this way from now on (200 "ok" until told otherwise). */
  answer(path: string, behaviour: Behaviour): void;
  close(): Promise<void>;
}

const ok: Behaviour = (res) => res.end('ok');

/** A real HTTP receiver on loopback that records every request and answers as told. */
export async function startReceiver(): Promise<Receiver> {
  const pushes: Push[] = [];
  const behaviours = new Map<string, Behaviour>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const push = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      pushes.push(push);
      const nth = pushes.filter((p) => p.path === push.path).length;
      (behaviours.get(push.path) ?? ok)(res, push, nth, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    pushes: (path) => pushes.filter((p) => path === undefined || p.path === path),
    answer: (path, behaviour) => behaviours.set(path, behaviour),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Whether `X-Clientele-Signature` signs exactly this body with this secret, checked as a receiver would. */
export function verifies(header: string | string[] | undefined, body: string, secret: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(header));
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

/** Settings of the servers and CLI calls of these tests: loopback receivers, quick retries. */
export const WEBHOOK_ENV = {
  WEBHOOK_ALLOW_PRIVATE: '1',
  WEBHOOK_RETRY_BASE_MS: '40',
  WEBHOOK_TIMEOUT_MS: '1000',
};

export interface WebhookHotel extends Hotel {
  sender: Sender;
  /** The deliveries the sender counted by outcome, as it counts them for `/metrics`. */
  counted: Record<AttemptOutcome, number>;
  /** `clientele …` on the hotel's store, with WEBHOOK_ENV. */
  cli(...args: string[]): Promise<CliResult>;
  /** `webhook add --tenant <hotel's> --json …`: the created webhook. */
  addWebhook(...args: string[]): Promise<{ id: number; secret: string; url: string }>;
  deliveries(...args: string[]): Promise<DeliveryJson[]>;
}

export interface DeliveryJson {
  id: number;
  webhook: number;
  event: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
}

/** The demo hotel served in this process, with the webhook sender `serve` runs beside it. */
export async function webhookHotel(env: Record<string, string> = {}): Promise<WebhookHotel> {
  const settings = { ...WEBHOOK_ENV, ...env };
  const hotel = await startHotel(undefined, settings);
  const counted: Record<AttemptOutcome, number> = { delivered: 0, retry: 0, failed: 0 };
  const count = (outcome: AttemptOutcome, deliveries: number) => (counted[outcome] += deliveries);
  const sender = startSender(hotel.server.db, hotel.server.config, silentLog, count);
  const cli = (...args: string[]) => runCliWith(settings, hotel.server.store.url, ...args);
  return {
    ...hotel,
    sender,
    counted,
    cli,
    addWebhook: async (...args) => {
      const r = await cli('webhook', 'add', '--tenant', String(hotel.tenant.id), '--json', ...args);
      if (r.code !== 0) throw new Error(`webhook add failed: ${r.stderr}`);
      return JSON.parse(r.stdout);
    },
    deliveries: async (...args) => {
      const r = await cli('webhook', 'deliveries', '--json', ...args);
      if (r.code !== 0) throw new Error(`webhook deliveries failed: ${r.stderr}`);
      return JSON.parse(r.stdout);
    },
    close: async () => {
      await sender.stop();
      await hotel.close();
    },
  };
}

/** The fields of a form body, in order. */
export const formFields = (body: string) => [...new URLSearchParams(body).entries()];
