import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { importInventory, validateInventory } from '../../src/core/inventory.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { get, postForm, startServer, tenantWithKey, type TestServer, type TestTenant } from '../helper.ts';
import { url } from './virtpos/support.ts';

type Listed = { count: number; customers: Array<{ id: number; phone: string }> };

describe('phones per country, across dialects', () => {
  let server: TestServer;
  let hotel: TestTenant;
  before(async () => {
    server = await startServer();
    hotel = await tenantWithKey(server.db, 'Hotel Roma', 'HR');
    // The demo hotel's inventory names Italy.
    await importInventory(server.db, hotel.id, validateInventory(readDemoInventory()));
  });
  after(() => server.close());

  const addThroughZak = async (key: string, phone: string) => {
    const r = await postForm<{ data: number }>(
      `${server.base}/kp/customers/add_one`,
      { custdata: JSON.stringify({ name: 'Giulia', surname: 'Verdi', phone }) },
      { 'x-api-key': key },
    );
    assert.equal(r.status, 200, r.text);
    return r.body.data;
  };
  const findThroughVirtpos = async (key: string, phone: string) =>
    (await get<Listed>(url(server.base, '/api/customer', { apikey: key, format: 'json', phone }))).body;

  it('an Italian mobile written nationally through Zak is found by virtpos in every spelling, kept as given', async () => {
    const id = await addThroughZak(hotel.key, '347 1234567');
    for (const spelling of ['+39 347 1234567', '0039 347 123 45 67', '347-123-4567', '3471234567']) {
      const found = await findThroughVirtpos(hotel.key, spelling);
      assert.deepEqual(
        found.customers.map((c) => [c.id, c.phone]),
        [[id, '347 1234567']],
        spelling,
      );
    }
    // Not the Russian reading of those digits any more.
    assert.equal((await findThroughVirtpos(hotel.key, '+7 347 123 45 67')).count, 0);
  });

  it('a tenant without a country keeps the Russian rules of virtpos', async () => {
    const shop = await tenantWithKey(server.db, 'Shop', 'SH');
    const id = await addThroughZak(shop.key, '8 (999) 765-43-21');
    for (const spelling of ['+7 999 765 43 21', '89997654321', '9997654321']) {
      assert.deepEqual(
        (await findThroughVirtpos(shop.key, spelling)).customers.map((c) => c.id),
        [id],
        spelling,
      );
    }
  });

  it('a number written with 00 in a Russian tenant (whose prefix is 8~10) matches its + spelling; migration 056', async () => {
    const shop = await tenantWithKey(server.db, 'Magazin', 'MG');
    const id = await addThroughZak(shop.key, '0039 347 765 43 21');
    for (const spelling of ['+39 347 7654321', '0039 3477654321', '810 39 347 765 4321']) {
      assert.deepEqual(
        (await findThroughVirtpos(shop.key, spelling)).customers.map((c) => [c.id, c.phone]),
        [[id, '0039 347 765 43 21']],
        spelling,
      );
    }
    // A key stored by the rule before: recomputed by the migration.
    await server.db
      .updateTable('customers')
      .set({ phone_key: '00393477654321' })
      .where('id', '=', id)
      .execute();
    await migrations['056_phone_keys_00']!.up(server.db);
    assert.equal((await findThroughVirtpos(shop.key, '+39 347 7654321')).count, 1);
  });

  it('an inventory naming another country reads the stored numbers again with its rules', async () => {
    const shop = await tenantWithKey(server.db, 'Tienda', 'TI');
    const id = await addThroughZak(shop.key, '612 34 56 78');
    assert.equal((await findThroughVirtpos(shop.key, '+34 612 345 678')).count, 0, 'read as Russian before');
    const file = { ...(readDemoInventory() as object), country: 'ES' };
    await importInventory(server.db, shop.id, validateInventory(file));
    assert.deepEqual(
      (await findThroughVirtpos(shop.key, '+34 612 345 678')).customers.map((c) => c.id),
      [id],
    );
  });

  it("migration 048 recomputes the keys stored before it with each tenant's country", async () => {
    const migration = migrations['048_tenant_country']!;
    const id = await addThroughZak(hotel.key, '+39 06 1234 5678');
    await server.db.updateTable('customers').set({ phone_key: 'stale' }).where('id', '=', id).execute();
    await migration.down!(server.db);
    await migration.up(server.db);
    const row = await server.db
      .selectFrom('customers')
      .select('phone_key')
      .where('id', '=', id)
      .executeTakeFirst();
    assert.equal(row?.phone_key, '390612345678');
    // The column came back with RU for every tenant: the hotel's country is restored by its inventory.
    await importInventory(server.db, hotel.id, validateInventory(readDemoInventory()));
  });
});
