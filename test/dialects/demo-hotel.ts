import { createAdminToken } from '../../src/core/admin-tokens.ts';
import { importInventory, validateInventory } from '../../src/core/inventory.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';
import { adminClient, type AdminClient } from '../admin/contract.ts';
import { startServer, tenantWithKey, type TestServer, type TestTenant } from '../helper.ts';

/** A server with a tenant holding the demo hotel's rooms, and an admin client: the guest-data tests' start. */
export async function demoHotelWithAdmin(): Promise<{
  server: TestServer;
  hotel: TestTenant;
  admin: AdminClient;
}> {
  const server = await startServer();
  const hotel = await tenantWithKey(server.db);
  await importInventory(server.db, hotel.id, validateInventory(readDemoInventory()));
  const admin = await adminClient(server.base, (await createAdminToken(server.db)).token);
  return { server, hotel, admin };
}
