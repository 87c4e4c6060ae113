import { createApiKey, revokeApiKey } from '../core/tenants.ts';
import { UsageError, parse, tenantId } from './args.ts';
import { withStore } from './store.ts';

export async function keyCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const { values } = parse(rest, { tenant: { type: 'string' }, json: { type: 'boolean' } });
    const issued = await withStore((db) => createApiKey(db, tenantId(values.tenant)));
    if (values.json) console.log(JSON.stringify(issued));
    else
      console.log(
        `${issued.key}\n(key ${issued.id}, prefix ${issued.prefix}, tenant ${issued.tenant}: shown once)`,
      );
    return 0;
  }
  if (sub === 'revoke') {
    const { positionals } = parse(rest, {});
    const ref = positionals[0];
    if (!ref || positionals.length !== 1) throw new UsageError('key revoke KEY_PREFIX_OR_ID');
    const revoked = await withStore((db) => revokeApiKey(db, ref));
    console.log(`revoked ${revoked} key${revoked === 1 ? '' : 's'}`);
    return 0;
  }
  throw new UsageError('key create --tenant ID [--json] | key revoke KEY_PREFIX_OR_ID');
}
