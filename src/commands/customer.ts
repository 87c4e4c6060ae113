import { renderExport } from '../admin/customer-export.ts';
import { eraseCustomer, exportCustomer, findDuplicates, mergeCustomers } from '../core/guest-data.ts';
import { getTenant } from '../core/tenants.ts';
import { UsageError, command, idOf, parse, tenantId } from './args.ts';
import { table } from './output.ts';
import { openServersDataKeys, withStore } from './store.ts';
import type { Db } from '../store/db.ts';

const USAGE =
  'customer export|erase --tenant ID --customer ID | customer duplicates --tenant ID [--json] | ' +
  'customer merge --tenant ID --source ID --target ID [--dry-run]';

function customerId(value: string | boolean | undefined, flag: string): number {
  const id = idOf(value);
  if (id === undefined) throw new UsageError(`${flag} must be a customer id`);
  return id;
}

async function scopeOf(db: Db, tenant: number) {
  const { country } = await getTenant(db, tenant);
  return { tenantId: tenant, keyId: 0, country };
}

async function duplicatesCommand(sub: 'duplicates' | 'merge', rest: string[]): Promise<number> {
  const { values } = parse(rest, {
    tenant: { type: 'string' },
    source: { type: 'string' },
    target: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const tenant = tenantId(values.tenant);
  return withStore(async (db) => {
    const scope = await scopeOf(db, tenant);
    if (sub === 'duplicates') {
      const groups = await findDuplicates(db, scope);
      if (values.json) console.log(JSON.stringify(groups));
      else {
        const rows = groups.map((g) => [g.reason, g.value, g.customers.join(',')]);
        console.log(table(['REASON', 'VALUE', 'CUSTOMERS'], rows));
      }
      return 0;
    }
    const source = customerId(values.source, '--source');
    const target = customerId(values.target, '--target');
    console.log(
      JSON.stringify(await mergeCustomers(db, scope, source, target, values['dry-run'] === true), null, 2),
    );
    return 0;
  });
}

/** A data subject's requests from the server's machine: the same core operations as the admin API's. */
async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'duplicates' || sub === 'merge') return duplicatesCommand(sub, rest);
  if (sub !== 'export' && sub !== 'erase') throw new UsageError(USAGE);
  const { values } = parse(rest, { tenant: { type: 'string' }, customer: { type: 'string' } });
  const tenant = tenantId(values.tenant);
  const id = customerId(values.customer, '--customer');
  return withStore(async (db, config) => {
    const scope = await scopeOf(db, tenant);
    if (sub === 'export') {
      // Documents are decrypted for the person who asked: the key file must be the store's.
      openServersDataKeys(config);
      // The same document as the admin API's export (admin/customer-export.ts).
      console.log(JSON.stringify(renderExport(await exportCustomer(db, scope, id)), null, 2));
    } else {
      const anonymous = await eraseCustomer(db, scope, id);
      console.log(`erased customer ${id}: its reservations and cards now name customer ${anonymous}`);
    }
    return 0;
  });
}

export const customerCommand = command(
  {
    summary: "a person's data: export, erase, duplicates, merge",
    usage: [
      'usage: clientele customer export --tenant ID --customer ID',
      '       clientele customer erase --tenant ID --customer ID',
      '       clientele customer duplicates --tenant ID [--json]',
      '       clientele customer merge --tenant ID --source ID --target ID [--dry-run]',
      '',
      'export prints everything held about a person as JSON (documents decrypted); erase replaces them by an',
      'anonymous customer on reservations and cards and deletes their data; merge moves a duplicate into another',
      'customer. docs/guest-data.md tells more.',
    ].join('\n'),
  },
  run,
);
