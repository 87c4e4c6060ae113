import { cancelReservation } from '../core/reservations.ts';
import { getTenant } from '../core/tenants.ts';
import { UsageError, idOf, parse, tenantId } from './args.ts';
import { withStore } from './store.ts';

const USAGE = 'reservation cancel --tenant ID ID_OR_RCODE';

/** `clientele reservation cancel`: the core's cancellation, for integrations without an admin API client. */
export async function reservationCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'cancel') throw new UsageError(USAGE);
  const { values, positionals } = parse(rest, { tenant: { type: 'string' } }, undefined, true);
  const tenant = tenantId(values.tenant);
  const named = positionals[0];
  if (positionals.length !== 1 || !named) throw new UsageError(USAGE);
  const id = idOf(named);
  const ref = id !== undefined ? { id } : { code: named };
  await withStore(async (db) => {
    const { country } = await getTenant(db, tenant);
    // No API key makes this change: it is recorded as made by key 0, as the admin API's are.
    await cancelReservation(db, { tenantId: tenant, keyId: 0, country }, ref);
  });
  console.log(`cancelled reservation ${named}`);
  return 0;
}
