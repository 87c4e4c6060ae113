import { setTimeout as sleep } from 'node:timers/promises';
import { journalEntries, type JournalEntry } from '../core/journal.ts';
import { command, parse, tenantId, UsageError } from './args.ts';
import { withStore } from './store.ts';

const USAGE = 'journal --tenant ID [--call DIALECT:CALL] [--status N] [--limit N] [--follow] [--json]';
const FOLLOW_MS = 1000;

const line = (e: JournalEntry, json: boolean | undefined) =>
  json
    ? JSON.stringify(e)
    : [e.at, `${e.dialect}:${e.call}`, e.method, e.status, `${e.duration_ms} ms`, e.path].join('  ');

/** `clientele journal`: a tenant's last requests, oldest first; `--follow` prints new ones as they come. */
async function journal(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      tenant: { type: 'string' },
      call: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string' },
      follow: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    USAGE,
  );
  const tenant = tenantId(values.tenant);
  const limit = Number(values.limit ?? '50');
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new UsageError('--limit must be 1 to 1000');
  const status = values.status === undefined ? undefined : Number(values.status);
  if (status !== undefined && (!Number.isInteger(status) || status < 0 || status > 599))
    throw new UsageError('--status must be an HTTP status (0 for a dropped connection)');
  const query = { call: values.call, status };
  await withStore(async (db) => {
    const last = (await journalEntries(db, tenant, query, limit)).reverse();
    for (const e of last) console.log(line(e, values.json));
    let afterId = last.at(-1)?.id ?? 0;
    while (values.follow) {
      await sleep(FOLLOW_MS);
      for (const e of await journalEntries(db, tenant, { ...query, afterId }, 1000)) {
        console.log(line(e, values.json));
        afterId = e.id;
      }
    }
  });
  return 0;
}

export const journalCommand = command(
  {
    summary: "a tenant's request journal (docs/sandbox.md)",
    usage: [
      `usage: clientele ${USAGE}`,
      '',
      "Prints the tenant's last requests, oldest first, one a line (--json: one JSON object a line). --follow",
      'keeps printing new ones (checked every second; servers write their journal every 2 seconds).',
    ].join('\n'),
  },
  journal,
);
