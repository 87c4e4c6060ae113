import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateInventory } from '../../src/core/inventory.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';

const demo = readDemoInventory() as Record<string, unknown> & { rooms: Array<Record<string, unknown>> };

describe('validateInventory', () => {
  it('reads the demo hotel: money in cents, VAT in hundredths of a percent', () => {
    const inv = validateInventory(demo);
    assert.equal(inv.rooms.length, 20);
    assert.deepEqual(inv.settings, {
      vat_rooms_bp: 1000,
      vat_meals_bp: 1000,
      vat_extras_bp: 2200,
      tourist_tax_cents: 350,
      tourist_tax_max_nights: 10,
    });
    assert.equal(inv.extras.find((e) => e.name === 'Acqua')?.price_cents, 350);
  });

  const cases: Array<[string, unknown, RegExp]> = [
    ['not an object', [], /inventory must be an object/],
    [
      'a room of an unknown type',
      { ...demo, rooms: [{ id: 99, room_type: 42, name: 'X' }] },
      /rooms\[0\]\.room_type: unknown room type 42/,
    ],
    ['a repeated id', { ...demo, rooms: [...demo.rooms, { ...demo.rooms[0] }] }, /rooms: id 1 appears twice/],
    [
      'a bad id',
      { ...demo, rooms: [{ id: -3, room_type: 1, name: 'X' }] },
      /rooms\[0\]\.id must be a positive integer id/,
    ],
    [
      'tags that are not texts',
      { ...demo, rooms: [{ id: 1, room_type: 1, name: 'X', tags: [1] }] },
      /tags must be a list of texts/,
    ],
    ['an unknown currency', { ...demo, currency: 'XXY' }, /unknown ISO 4217 currency/],
    ['an unknown time zone', { ...demo, timezone: 'Mars/Base' }, /unknown time zone/],
    ['a bad prefix', { ...demo, prefix: 'D1' }, /prefix must be two letters/],
    ['a VAT rate over 100', { ...demo, vat: { rooms: 150 } }, /invalid VAT rate: vat.rooms/],
    [
      'a negative price',
      { ...demo, extras: [{ id: 1, name: 'X', price: -1 }] },
      /invalid amount: extras\[0\]\.price/,
    ],
    [
      'a capacity of 0',
      { ...demo, room_types: [{ id: 1, name: 'X', capacity: 0 }] },
      /capacity must be a whole number/,
    ],
  ];
  for (const [name, file, message] of cases) {
    it(`refuses ${name}`, () => assert.throws(() => validateInventory(file), message));
  }
});
