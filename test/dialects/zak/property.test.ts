import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { validateInventory } from '../../../src/core/inventory.ts';
import { readDemoInventory } from '../../../src/demo-inventory.ts';
import { tenantWithKey } from '../../helper.ts';
import { startHotel, stay, type Failure, type Hotel } from './hotel.ts';

interface DemoFile {
  rooms: Array<{ id: number; room_type: number; name: string; tags: string[] }>;
  room_types: Array<{ id: number; name: string; shortname: string }>;
  products: Array<{ id: number; room_type: number; name: string; master: boolean }>;
}
const demo = readDemoInventory() as DemoFile;

describe('POST /kp/property/fetch_rooms, fetch_room_types, fetch_products', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());

  it("lists the tenant's rooms with their type and tags", async () => {
    const r = await hotel.call('property/fetch_rooms');
    assert.deepEqual(r.body, {
      data: demo.rooms.map((x) => ({ id: x.id, id_room_type: x.room_type, name: x.name, tags: x.tags })),
    });
  });

  it('lists room types and products', async () => {
    const types = await hotel.call('property/fetch_room_types');
    assert.deepEqual(types.body, {
      data: demo.room_types.map(({ id, name, shortname }) => ({ id, name, shortname })),
    });
    const products = await hotel.call('property/fetch_products');
    assert.deepEqual(products.body, {
      data: demo.products.map((p) => ({
        id: p.id,
        id_zak_room_type: p.room_type,
        name: p.name,
        master: p.master,
      })),
    });
  });

  it('shows nothing of another tenant, and needs a key', async () => {
    const other = await tenantWithKey(hotel.server.db, 'Empty', 'EM');
    assert.deepEqual((await hotel.call('property/fetch_rooms', {}, other.key)).body, { data: [] });
    const anonymous = await hotel.call<Failure>('property/fetch_rooms', {}, '');
    assert.equal(anonymous.status, 401);
    const unknown = await hotel.call<Failure>('property/fetch_everything');
    assert.deepEqual([unknown.status, unknown.body], [404, { error: 'Wrong api name: fetch_everything' }]);
  });
});

describe('POST /kp/inventory/fetch_rooms_availability', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());
  const availability = (fields: Record<string, string>) =>
    hotel.call<{ data: Record<string, { availability: number; rooms: number[] }> } & Failure>(
      'inventory/fetch_rooms_availability',
      fields,
    );

  it('counts the free rooms per type; the departure day is free again', async () => {
    await hotel.book(
      stay({ arrival: '10/03/2030', departure: '13/03/2030', rooms: [{ room: 2 }, { room: 17 }] }),
    );
    const during = await availability({ arrival: '12/03/2030', departure: '14/03/2030' });
    assert.equal(during.status, 200, during.text);
    assert.deepEqual(during.body.data['1'], { availability: 6, rooms: [1, 3, 4, 5, 15, 16] });
    assert.deepEqual(during.body.data['4'], { availability: 3, rooms: [18, 19, 20] });
    assert.deepEqual(during.body.data['2'], { availability: 4, rooms: [11, 12, 13, 14] });
    const after = await availability({ arrival: '13/03/2030', departure: '14/03/2030' });
    assert.equal(after.body.data['1']!.availability, 7);
  });

  it('refuses impossible or reversed dates', async () => {
    for (const [fields, error] of [
      [{ arrival: '31/02/2023', departure: '01/03/2023' }, 'invalid date: arrival'],
      [{ arrival: '02/03/2023', departure: '01/03/2023' }, 'invalid date: departure must follow arrival'],
      [{ arrival: '02/03/2023' }, 'invalid date: departure'],
    ] as const) {
      const r = await availability(fields);
      assert.deepEqual([r.status, r.body], [400, { error }]);
    }
  });
});

describe('demo inventory file', () => {
  it('is a valid inventory of a small hotel, as docs/inventory.md describes it', () => {
    const valid = validateInventory(demo);
    assert.equal(valid.rooms.length, 20);
    assert.equal(valid.products.length, 5);
    assert.equal(valid.extras.length, 3);
  });
});
