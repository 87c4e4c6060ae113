import type { Db } from '../store/db.ts';
import { inTransaction } from '../store/transaction.ts';
import { createReservation } from './booking.ts';
import { createCustomer } from './customers.ts';
import { importInventory, validateInventory } from './inventory.ts';
import {
  createApiKey,
  createSeededApiKey,
  createTenant,
  getTenant,
  type IssuedKey,
  type Tenant,
} from './tenants.ts';
import { readDemoInventory } from '../demo-inventory.ts';

/**
 * The fixed seed of a demo sandbox tenant (docs/sandbox.md, "The demo seed"): the demo hotel, three customers and
 * two reservations, always made in this order, so that on a fresh store their ids are the same every time, and
 * on any store their external ids and reservation codes are (ids are shared by every tenant of a store).
 */
export const DEMO_CUSTOMERS = [
  { name: 'Mario', surname: 'Rossi', email: 'mario.rossi@example.com', external_id: 'demo-mario' },
  { name: 'Anna', surname: 'Bianchi', email: 'anna.bianchi@example.com', external_id: 'demo-anna' },
  { name: 'Luca', surname: 'Verdi', phone: '+39 041 555 0101', external_id: 'demo-luca' },
] as const;

export const DEMO_RESERVATIONS = [
  { arrival: '2030-01-20', departure: '2030-01-23', customer: { name: 'Giulia', surname: 'Neri' }, room: 2 },
  { arrival: '2030-02-10', departure: '2030-02-12', customer: { name: 'Paolo', surname: 'Gialli' }, room: 3 },
] as const;

export interface SandboxTenant {
  tenant: Tenant;
  key: IssuedKey;
  customers: number[];
  reservations: Array<{ id: number; code: string }>;
}

/** A sandbox tenant: with `demo`, the demo hotel and the seed; with `keySeed`, a key derived from it. */
export async function createSandboxTenant(
  db: Db,
  input: { name: string; prefix?: string; demo: boolean; keySeed?: string },
): Promise<SandboxTenant> {
  // One transaction for the tenant, its key and its seed (every core write joins it, see store/transaction.ts):
  // a failure midway leaves nothing behind.
  return inTransaction(db, (trx) => seed(trx, input));
}

async function seed(
  db: Db,
  input: { name: string; prefix?: string; demo: boolean; keySeed?: string },
): Promise<SandboxTenant> {
  const tenant = await createTenant(db, {
    name: input.name,
    prefix: input.prefix ?? 'DH',
    timezone: 'Europe/Rome',
    currency: 'EUR',
  });
  const key =
    input.keySeed === undefined
      ? await createApiKey(db, tenant.id)
      : await createSeededApiKey(db, tenant.id, input.keySeed);
  const out: SandboxTenant = { tenant, key, customers: [], reservations: [] };
  if (!input.demo) return out;
  await importInventory(db, tenant.id, validateInventory(readDemoInventory()));
  // The demo hotel's file names its country (IT): the tenant as it now is reads the seed's phones, and is printed.
  out.tenant = await getTenant(db, tenant.id);
  const scope = { tenantId: tenant.id, keyId: key.id, country: out.tenant.country };
  for (const customer of DEMO_CUSTOMERS) out.customers.push(await createCustomer(db, scope, customer));
  for (const r of DEMO_RESERVATIONS) {
    const created = await createReservation(db, scope, {
      arrival: r.arrival,
      departure: r.departure,
      customer: r.customer,
      rooms: [{ roomId: r.room }],
    });
    out.reservations.push({ id: created.id, code: created.code });
  }
  return out;
}
