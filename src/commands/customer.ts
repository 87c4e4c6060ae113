import { existsSync } from 'node:fs';
import { openDataKeys } from '../core/data-keys.ts';
import { eraseCustomer, exportCustomer } from '../core/guest-data.ts';
import { getTenant } from '../core/tenants.ts';
import { UsageError, parse, tenantId } from './args.ts';
import { withStore } from './store.ts';

const USAGE = 'customer export --tenant ID --customer ID | customer erase --tenant ID --customer ID';

function customerId(value: string | boolean | undefined): number {
  if (typeof value !== 'string' || !/^\d+$/.test(value))
    throw new UsageError('--customer must be a customer id');
  return Number(value);
}

/** A data subject's requests from the server's machine: the same core operations as the admin API's. */
export async function customerCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'export' && sub !== 'erase') throw new UsageError(USAGE);
  const { values, positionals } = parse(rest, { tenant: { type: 'string' }, customer: { type: 'string' } });
  if (positionals.length) throw new UsageError(USAGE);
  const tenant = tenantId(values.tenant);
  const id = customerId(values.customer);
  return withStore(async (db, config) => {
    const { country } = await getTenant(db, tenant);
    const scope = { tenantId: tenant, keyId: 0, country };
    if (sub === 'export') {
      // Documents are decrypted for the person who asked: the key file must be the store's.
      if (!existsSync(config.dataKeyFile)) throw new UsageError(`no data key file at ${config.dataKeyFile}`);
      openDataKeys(config.dataKeyFile);
      console.log(JSON.stringify(await exportCustomer(db, scope, id), null, 2));
    } else {
      const anonymous = await eraseCustomer(db, scope, id);
      console.log(`erased customer ${id}: its reservations and cards now name customer ${anonymous}`);
    }
    return 0;
  });
}
