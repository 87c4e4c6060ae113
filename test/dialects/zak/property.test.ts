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
      data: demo.products.map((p) => {
        const type = demo.room_types.find((t) => t.id === p.room_type)!;
        return {
          id: p.id,
          id_zak_room_type: p.room_type,
          master: p.master ? 1 : 0,
          name: p.name,
          srname: type.shortname,
          rname: type.name,
          id_zak_property: hotel.tenant.id,
        };
      }),
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

describe('POST /kp/inventory/fetch_symbols', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());

  it('names the short keys of a rate value, as the vendor documents them (m: MinStay, M: MaxStay)', async () => {
    const r = await hotel.call<{ data: Record<string, string> }>('inventory/fetch_symbols');
    assert.equal(r.status, 200);
    assert.equal(r.body.data.m, 'MinStay');
    assert.equal(r.body.data.M, 'MaxStay');
    assert.equal(r.body.data.p, 'Price');
  });

  it('answers the requests real clients send: Basic auth, Lcode and Accept headers, JSON body []', async () => {
    for (const call of ['inventory/fetch_symbols', 'property/fetch_products']) {
      const response = await fetch(`${hotel.server.base}/kp/${call}`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${hotel.tenant.key}:`).toString('base64')}`,
          Lcode: String(hotel.tenant.id),
          Accept: 'application/json',
          'content-type': 'application/json',
        },
        body: '[]',
      });
      assert.equal(response.status, 200, call);
      const direct = await hotel.call(call);
      assert.deepEqual(await response.json(), direct.body, call);
    }
  });
});
