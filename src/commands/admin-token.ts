import { createAdminToken, listAdminTokens, revokeAdminToken } from '../core/admin-tokens.ts';
import { UsageError, command, dispatch, idOf, parse } from './args.ts';
import { print, table } from './output.ts';
import { withStore } from './store.ts';

const CREATE = 'admin-token create [--name NAME] [--json]';
const LIST = 'admin-token list [--json]';
const REVOKE = 'admin-token revoke ID [--json]';

async function create(args: string[]): Promise<number> {
  const { values } = parse(args, { name: { type: 'string' }, json: { type: 'boolean' } }, CREATE);
  const issued = await withStore((db) => createAdminToken(db, values.name ?? 'admin'));
  print(
    values.json,
    issued,
    () => `${issued.token}\n(admin token ${issued.id}, "${issued.name}": shown once)`,
  );
  return 0;
}

async function list(args: string[]): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } }, LIST);
  const tokens = await withStore((db) => listAdminTokens(db));
  print(values.json, tokens, () =>
    table(
      ['ID', 'NAME', 'PREFIX', 'CREATED', 'REVOKED'],
      tokens.map((t) => [t.id, t.name, t.prefix, t.created_at, t.revoked_at]),
    ),
  );
  return 0;
}

async function revoke(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, REVOKE, true);
  const id = idOf(positionals[0]);
  if (positionals.length !== 1 || id === undefined)
    throw new UsageError('admin-token revoke needs one token ID');
  await withStore((db) => revokeAdminToken(db, id));
  print(values.json, { revoked: id }, () => `revoked admin token ${id}`);
  return 0;
}

export const adminTokenCommand = command(
  {
    summary: 'create, list and revoke admin API tokens',
    usage: [
      `usage: clientele ${CREATE}`,
      `       clientele ${LIST}`,
      `       clientele ${REVOKE}`,
      '',
      'An admin token opens the admin API (/admin/v1) over every tenant. create prints it once (stored only as a',
      'hash); list never shows it; running servers refuse a revoked token within a second.',
    ].join('\n'),
  },
  (args) => dispatch('admin-token', { create, list, revoke }, args),
);
