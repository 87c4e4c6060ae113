import { createTenant, listTenants, type Tenant } from '../core/tenants.ts';
import { command, dispatch, parse, requireValue } from './args.ts';
import { print, table } from './output.ts';
import { withStore } from './store.ts';

const CREATE =
  'tenant create --name NAME [--prefix XY] [--timezone TZ] [--currency EUR] [--country RU] [--json]';
const LIST = 'tenant list [--json]';

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
      json: { type: 'boolean' },
    },
    CREATE,
  );
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

async function list(args: string[]): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } }, LIST);
  const tenants = await withStore((db) => listTenants(db));
  print(values.json, tenants, () => tenantTable(tenants));
  return 0;
}

export const tenantCommand = command(
  {
    summary: 'create and list tenants (one property or business each)',
    usage: [
      `usage: clientele ${CREATE}`,
      `       clientele ${LIST}`,
      '',
      'A tenant has a reservation prefix (two letters; default: from the name), a time zone (IANA; default UTC)',
      'and a currency (ISO 4217; default EUR). --json prints the tenant (create) or the list as JSON.',
    ].join('\n'),
  },
  (args) => dispatch('tenant', { create, list }, args),
);
