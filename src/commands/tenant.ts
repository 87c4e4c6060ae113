import { createTenant, listTenants, type Tenant } from '../core/tenants.ts';
import { UsageError, parse, requireValue } from './args.ts';
import { withStore } from './store.ts';

const line = (t: Tenant) => `${t.id}\t${t.prefix}\t${t.timezone}\t${t.currency}\t${t.country}\t${t.name}`;

export async function tenantCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const { values } = parse(rest, {
      name: { type: 'string' },
      prefix: { type: 'string' },
      timezone: { type: 'string' },
      currency: { type: 'string' },
      country: { type: 'string' },
      json: { type: 'boolean' },
    });
    const tenant = await withStore((db) =>
      createTenant(db, {
        name: requireValue(values.name, '--name'),
        prefix: values.prefix as string | undefined,
        timezone: values.timezone as string | undefined,
        currency: values.currency as string | undefined,
        country: values.country as string | undefined,
      }),
    );
    console.log(values.json ? JSON.stringify(tenant) : `created tenant ${line(tenant)}`);
    return 0;
  }
  if (sub === 'list') {
    const { values } = parse(rest, { json: { type: 'boolean' } });
    const tenants = await withStore((db) => listTenants(db));
    console.log(values.json ? JSON.stringify(tenants) : tenants.map(line).join('\n'));
    return 0;
  }
  throw new UsageError('tenant create --name NAME [...] | tenant list [--json]');
}
