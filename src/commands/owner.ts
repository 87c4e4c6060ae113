import { createOwner, listOwners, type Owner } from '../core/owners.ts';
import { command, dispatch, parse, requireValue, tenantId } from './args.ts';
import { print, table } from './output.ts';
import { withStore } from './store.ts';

const CREATE = 'owner create --tenant ID --code CODE [--name NAME] [--json]';
const LIST = 'owner list [--tenant ID] [--json]';

const ownerTable = (owners: Owner[]) =>
  table(
    ['ID', 'TENANT', 'CODE', 'NAME'],
    owners.map((o) => [o.id, o.tenant_id, o.code, o.name]),
  );

async function create(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      tenant: { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean' },
    },
    CREATE,
  );
  const tenant = tenantId(values.tenant);
  const code = requireValue(values.code, '--code');
  const owner = await withStore((db) => createOwner(db, tenant, { code, name: values.name }));
  print(values.json, owner, () => `created owner ${owner.id}\n${ownerTable([owner])}`);
  return 0;
}

async function list(args: string[]): Promise<number> {
  const { values } = parse(args, { tenant: { type: 'string' }, json: { type: 'boolean' } }, LIST);
  const tenant = values.tenant === undefined ? undefined : tenantId(values.tenant);
  const owners = await withStore((db) => listOwners(db, tenant));
  print(values.json, owners, () => ownerTable(owners));
  return 0;
}

export const ownerCommand = command(
  {
    summary: "create and list Netstorming owners (a tour operator's sub-accounts)",
    usage: [
      `usage: clientele ${CREATE}`,
      `       clientele ${LIST}`,
      '',
      "Netstorming calls name an owner by its code (owner_code); the owner's customers belong to it.",
    ].join('\n'),
  },
  (args) => dispatch('owner', { create, list }, args),
);
