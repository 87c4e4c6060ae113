import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateInventory } from '../../src/core/inventory.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';

const demo = readDemoInventory() as Record<string, unknown> & { rooms: Array<Record<string, unknown>> };

/** One rate value: product 1 on 1–5 January 2032 unless overridden. */
const value = (over: Record<string, unknown>) => ({
  product: 1,
  from: '2032-01-01',
  to: '2032-01-05',
  price: 100,
  ...over,
});
const withValue = (over: Record<string, unknown>) => ({ ...demo, rate_values: [value(over)] });

describe('validateInventory', () => {
  it('reads the rates of the demo hotel: ranges become one value a night, defaults filled in', () => {
    const inv = validateInventory(demo);
    assert.deepEqual(
      inv.rates.map((r) => [r.id, r.standard, r.board]),
      [
        [1, 1, 'bb'],
        [2, 0, 'bb'],
      ],
    );
    // Five products, three years 2026–2028 (365 + 365 + 366 nights each).
    assert.equal(inv.rateValues.length, 5 * 1096);
    assert.deepEqual(
      inv.rateValues.find((v) => v.product_id === 1 && v.day === '2027-08-15'),
      {
        product_id: 1,
        day: '2027-08-15',
        price_cents: 19500,
        min_stay: 2,
        max_stay: 0,
        closed: 0,
        closed_arrival: 0,
        closed_departure: 0,
        availability: null,
      },
    );
  });

  it('keeps an older file without rates as it is: products keep their rate ids', () => {
    const inv = validateInventory({
      ...demo,
      rates: undefined,
      rate_values: undefined,
      meal_boards: undefined,
    });
    assert.deepEqual(inv.rates, []);
    assert.deepEqual(
      inv.products.map((p) => p.rate_id),
      [1, 2, 1, 1, 1],
    );
  });

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
    [
      'a rate value of an unknown product',
      withValue({ product: 42 }),
      /rate_values\[0\]\.product: unknown product 42/,
    ],
    [
      'a rate value ending before it starts',
      withValue({ to: '2031-12-31' }),
      /rate_values\[0\]: to must be from/,
    ],
    [
      'a rate value without a price',
      withValue({ price: undefined }),
      /invalid amount: rate_values\[0\]\.price/,
    ],
    ['a rate value not a date', withValue({ from: '1/1/2032' }), /rate_values\[0\]\.from must be a date/],
    [
      'a max stay below the min stay',
      withValue({ min_stay: 3, max_stay: 2 }),
      /max_stay must be 0 \(none\) or at least/,
    ],
    ['a min stay of 0', withValue({ min_stay: 0 }), /min_stay must be a whole number from 1 to 365/],
    ['a flag that is not a boolean', withValue({ closed: 1 }), /closed must be true or false/],
    ['a negative availability', withValue({ availability: -1 }), /availability must be a whole number/],
    [
      'two values for one night of a product',
      { ...demo, rate_values: [value({}), value({ from: '2032-01-03', to: '2032-01-04' })] },
      /rate_values\[1\]: product 1 has a value for 2032-01-03 already \(rate_values\[0\]\)/,
    ],
    [
      'a range of more than three years',
      withValue({ to: '2036-01-01' }),
      /to must be from 2032-01-01 to 1096 days later/,
    ],
    [
      'a rate in another currency',
      { ...demo, rates: [{ id: 1, name: 'R', currency: 'USD' }] },
      /rates\[0\]\.currency must be EUR/,
    ],
    [
      'an unknown board',
      { ...demo, rates: [{ id: 1, name: 'R', board: 'xx' }] },
      /rates\[0\]\.board must be nb/,
    ],
    [
      'two standard rates',
      {
        ...demo,
        rates: [
          { id: 1, name: 'A', standard: true },
          { id: 2, name: 'B', standard: true },
        ],
      },
      /only one rate can be standard/,
    ],
    [
      'a product of an unknown rate',
      { ...demo, rates: [{ id: 9, name: 'R' }] },
      /products\[0\]\.rate_id: unknown rate 1/,
    ],
    [
      'a meal board of an unknown board',
      { ...demo, meal_boards: [{ id: 1, board: 'zz', from: '2032-01-01', to: '2032-01-02' }] },
      /meal_boards\[0\]\.board must be nb/,
    ],
  ];
  for (const [name, file, message] of cases) {
    it(`refuses ${name}`, () => assert.throws(() => validateInventory(file), message));
  }
});
