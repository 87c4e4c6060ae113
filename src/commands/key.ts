import { createApiKey, listApiKeys, revokeApiKey } from '../core/tenants.ts';
import { UsageError, command, dispatch, parse, tenantId } from './args.ts';
import { print, table } from './output.ts';
import { withStore } from './store.ts';

const CREATE = 'key create --tenant ID [--json]';
const LIST = 'key list --tenant ID [--json]';
const REVOKE = 'key revoke KEY_PREFIX_OR_ID [--json]';

async function create(args: string[]): Promise<number> {
  const { values } = parse(args, { tenant: { type: 'string' }, json: { type: 'boolean' } }, CREATE);
  const issued = await withStore((db) => createApiKey(db, tenantId(values.tenant)));
  print(
    values.json,
    issued,
    () => `${issued.key}\n(key ${issued.id}, prefix ${issued.prefix}, tenant ${issued.tenant}: shown once)`,
  );
  return 0;
}

async function list(args: string[]): Promise<number> {
  const { values } = parse(args, { tenant: { type: 'string' }, json: { type: 'boolean' } }, LIST);
  const keys = await withStore((db) => listApiKeys(db, tenantId(values.tenant)));
  print(values.json, keys, () =>
    table(
      ['ID', 'PREFIX', 'CREATED', 'REVOKED'],
      keys.map((k) => [k.id, k.prefix, k.created_at, k.revoked_at]),
    ),
  );
  return 0;
}

async function revoke(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, REVOKE, true);
  const ref = positionals[0];
  if (!ref || positionals.length !== 1) throw new UsageError('key revoke needs one KEY_PREFIX_OR_ID');
  const revoked = await withStore((db) => revokeApiKey(db, ref));
  print(values.json, { revoked }, () => `revoked ${revoked} key${revoked === 1 ? '' : 's'}`);
  return 0;
}

export const keyCommand = command(
  {
    summary: 'create, list and revoke API keys',
    usage: [
      `usage: clientele ${CREATE}`,
      `       clientele ${LIST}`,
      `       clientele ${REVOKE}`,
      '',
      'create prints a new key once (it is stored only as a hash). list shows each key by id and clear prefix',
      "(ck_ and 8 characters), never the key. revoke takes a key's prefix or id; running servers refuse it within",
      'a second.',
    ].join('\n'),
  },
  (args) => dispatch('key', { create, list, revoke }, args),
);
