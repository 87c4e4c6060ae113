import { createWriteStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createSandboxTenant } from '../core/demo-seed.ts';
import { resetTenant, restoreTenant, snapshotChunks } from '../core/tenant-state.ts';
import { createTenant, getTenant, listTenants, type Tenant } from '../core/tenants.ts';
import { CommandFailed, command, dispatch, parse, requireValue, tenantId, UsageError } from './args.ts';
import { print, table } from './output.ts';
import { openServersDataKeys, withStore } from './store.ts';

const CREATE =
  'tenant create --name NAME [--prefix XY] [--timezone TZ] [--currency EUR] [--country RU] [--json]';
const CREATE_SANDBOX =
  'tenant create --sandbox [--demo] [--name NAME] [--prefix XY] [--key-seed SEED] [--json]';
const LIST = 'tenant list [--json]';
const SNAPSHOT = 'tenant snapshot --tenant ID [--out FILE]';
const RESTORE = 'tenant restore --tenant ID FILE';
const RESET = 'tenant reset --tenant ID';

const tenantTable = (tenants: Tenant[]) =>
  table(
    ['ID', 'PREFIX', 'TIMEZONE', 'CURRENCY', 'COUNTRY', 'NAME'],
    tenants.map((t) => [t.id, t.prefix, t.timezone, t.currency, t.country, t.name]),
  );

async function create(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      name: { type: 'string' },
      prefix: { type: 'string' },
      timezone: { type: 'string' },
      currency: { type: 'string' },
      country: { type: 'string' },
      sandbox: { type: 'boolean' },
      demo: { type: 'boolean' },
      'key-seed': { type: 'string' },
      json: { type: 'boolean' },
    },
    CREATE,
  );
  if (values.sandbox) return createSandbox(values);
  if (values.demo || values['key-seed'] !== undefined)
    throw new UsageError('--demo and --key-seed are for sandbox tenants only (--sandbox)');
  const name = requireValue(values.name, '--name');
  const tenant = await withStore((db) =>
    createTenant(db, {
      name,
      prefix: values.prefix,
      timezone: values.timezone,
      currency: values.currency,
      country: values.country,
    }),
  );
  print(values.json, tenant, () => `created tenant ${tenant.id}\n${tenantTable([tenant])}`);
  return 0;
}

/** A sandbox tenant: with --demo the demo hotel and the fixed seed; --key-seed makes its key known in advance. */
async function createSandbox(values: {
  name?: string;
  prefix?: string;
  demo?: boolean;
  'key-seed'?: string;
  json?: boolean;
}): Promise<number> {
  const made = await withStore((db) =>
    createSandboxTenant(db, {
      name: values.name ?? 'Sandbox Hotel',
      prefix: values.prefix,
      demo: values.demo ?? false,
      keySeed: values['key-seed'],
    }),
  );
  const summary = {
    tenant: made.tenant,
    key: made.key.key,
    customers: made.customers,
    reservations: made.reservations,
  };
  print(values.json, summary, () =>
    [
      `created sandbox tenant ${made.tenant.id}`,
      `API key: ${made.key.key}`,
      ...(values.demo
        ? [
            `customers: ${made.customers.join(', ')}`,
            `reservations: ${made.reservations.map((r) => `${r.id} (${r.code})`).join(', ')}`,
          ]
        : []),
    ].join('\n'),
  );
  return 0;
}

async function snapshot(args: string[]): Promise<number> {
  const { values } = parse(args, { tenant: { type: 'string' }, out: { type: 'string' } }, SNAPSHOT);
  const tenant = tenantId(values.tenant);
  await withStore(async (db) => {
    await getTenant(db, tenant);
    const out = values.out === undefined ? process.stdout : createWriteStream(values.out);
    await pipeline(Readable.from(snapshotChunks(db, tenant)), out, { end: values.out !== undefined });
  });
  return 0;
}

async function restore(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { tenant: { type: 'string' } }, RESTORE, true);
  const tenant = tenantId(values.tenant);
  if (positionals.length !== 1) throw new UsageError('tenant restore needs one FILE');
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(positionals[0]!, 'utf8'));
  } catch (error) {
    throw new CommandFailed(`cannot read the snapshot: ${(error as Error).message}`);
  }
  const { rows } = await withStore((db, config) => {
    // A restore opens each identity document to check it is this store's: with the servers' key file.
    if (holdsDocuments(doc)) openServersDataKeys(config);
    return restoreTenant(db, tenant, doc);
  });
  console.log(`restored tenant ${tenant}: ${rows} rows`);
  return 0;
}

/** Whether a snapshot holds identity documents (a snapshot without any restores without the key file). */
function holdsDocuments(doc: unknown): boolean {
  const tables = (doc as { tables?: { customer_documents?: unknown } } | null)?.tables;
  return Array.isArray(tables?.customer_documents) && tables.customer_documents.length > 0;
}

async function reset(args: string[]): Promise<number> {
  const { values } = parse(args, { tenant: { type: 'string' } }, RESET);
  const tenant = tenantId(values.tenant);
  await withStore((db) => resetTenant(db, tenant));
  console.log(`reset tenant ${tenant}`);
  return 0;
}

async function list(args: string[]): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } }, LIST);
  const tenants = await withStore((db) => listTenants(db));
  print(values.json, tenants, () => tenantTable(tenants));
  return 0;
}

export const tenantCommand = command(
  {
    summary: 'create and list tenants; sandbox tenants, snapshots, restore, reset',
    usage: [
      `usage: clientele ${CREATE}`,
      `       clientele ${CREATE_SANDBOX}`,
      `       clientele ${LIST}`,
      `       clientele ${SNAPSHOT}`,
      `       clientele ${RESTORE}`,
      `       clientele ${RESET}`,
      '',
      'A tenant has a reservation prefix (two letters; default: from the name), a time zone (IANA; default UTC)',
      'and a currency (ISO 4217; default EUR). --json prints the tenant (create) or the list as JSON.',
      'Sandbox (docs/sandbox.md): --sandbox --demo adds the demo hotel and a fixed seed of customers and',
      "reservations; --key-seed derives its key from a seed. snapshot writes the tenant's state as JSON, restore",
      'puts one back exactly (all or nothing), reset empties customers, reservations, cards, agencies, journal.',
    ].join('\n'),
  },
  (args) => dispatch('tenant', { create, list, snapshot, restore, reset }, args),
);
