import { createAdminToken, listAdminTokens, revokeAdminToken } from '../core/admin-tokens.ts';
import { UsageError, parse } from './args.ts';
import { withStore } from './store.ts';

const USAGE = 'admin-token create [--name NAME] [--json] | admin-token list [--json] | admin-token revoke ID';

export async function adminTokenCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const { values, positionals } = parse(rest, { name: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length) throw new UsageError(USAGE);
    const issued = await withStore((db) => createAdminToken(db, values.name ?? 'admin'));
    if (values.json) console.log(JSON.stringify(issued));
    else console.log(`${issued.token}\n(admin token ${issued.id}, "${issued.name}": shown once)`);
    return 0;
  }
  if (sub === 'list') {
    const { values, positionals } = parse(rest, { json: { type: 'boolean' } });
    if (positionals.length) throw new UsageError(USAGE);
    const tokens = await withStore((db) => listAdminTokens(db));
    if (values.json) console.log(JSON.stringify(tokens));
    else {
      console.log('ID\tNAME\tPREFIX\tCREATED\tREVOKED');
      for (const t of tokens)
        console.log([t.id, t.name, t.prefix, t.created_at, t.revoked_at ?? '-'].join('\t'));
    }
    return 0;
  }
  if (sub === 'revoke') {
    const { positionals } = parse(rest, {});
    const id = positionals[0];
    if (positionals.length !== 1 || !/^\d+$/.test(id!)) throw new UsageError(USAGE);
    await withStore((db) => revokeAdminToken(db, Number(id)));
    console.log(`revoked admin token ${id}`);
    return 0;
  }
  throw new UsageError(USAGE);
}
