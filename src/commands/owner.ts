import { createOwner, listOwners, type Owner } from '../core/owners.ts';
import { UsageError, parse, requireValue, tenantId } from './args.ts';
import { withStore } from './store.ts';

const line = (o: Owner) => `${o.id}\t${o.tenant_id}\t${o.code}\t${o.name}`;

export async function ownerCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const { values } = parse(rest, {
      tenant: { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean' },
    });
    const tenant = tenantId(values.tenant);
    const code = requireValue(values.code, '--code');
    const owner = await withStore((db) =>
      createOwner(db, tenant, { code, name: values.name as string | undefined }),
    );
    console.log(values.json ? JSON.stringify(owner) : `created owner ${line(owner)}`);
    return 0;
  }
  if (sub === 'list') {
    const { values } = parse(rest, { tenant: { type: 'string' }, json: { type: 'boolean' } });
    const tenant = values.tenant === undefined ? undefined : tenantId(values.tenant);
    const owners = await withStore((db) => listOwners(db, tenant));
    console.log(values.json ? JSON.stringify(owners) : owners.map(line).join('\n'));
    return 0;
  }
  throw new UsageError(
    'owner create --tenant ID --code CODE [--name NAME] [--json] | owner list [--tenant ID] [--json]',
  );
}
