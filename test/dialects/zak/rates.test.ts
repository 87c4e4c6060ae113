import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readDemoInventory } from '../../../src/demo-inventory.ts';
import { importInventory, validateInventory } from '../../../src/core/inventory.ts';
import { countRows, tenantWithKey } from '../../helper.ts';
import { startHotel, stay, type Hotel } from './hotel.ts';

type Reply = { status: number; body: { data?: unknown; error?: string } };
type Values = Record<string, Array<{ p: number; m: number; M: number; c: number; cta: number; ctd: number }>>;

/**
 * A call as the public client programs send it: POST with the parameters in the query string and an empty body
 * (or the JSON body `[]`), Basic auth with the key as user name, `Lcode` and `Accept` headers.
 */
async function clientCall(
  hotel: Hotel,
  path: string,
  query: Record<string, string>,
  body?: string,
): Promise<Reply> {
  const response = await fetch(`${hotel.server.base}/kp/${path}?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${hotel.tenant.key}:`).toString('base64')}`,
      Lcode: '1',
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Reply['body'] };
}

const values = (hotel: Hotel, query: Record<string, string>) =>
  clientCall(hotel, 'inventory/fetch_rate_values', query);

describe('POST /kp/property/fetch_rates and fetch_meals_board', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());

  it('fetch_rates lists the rates of the inventory, flags as integers', async () => {
    assert.deepEqual(await clientCall(hotel, 'property/fetch_rates', {}), {
      status: 200,
      body: {
        data: [
          { id: 1, board: 'bb', currency: 'EUR', name: 'Standard rate', standard: 1 },
          { id: 2, board: 'bb', currency: 'EUR', name: 'Non refundable', standard: 0 },
        ],
      },
    });
  });

  it('fetch_meals_board groups the meal prices by board, dates as the vendor writes them', async () => {
    const r = await clientCall(hotel, 'property/fetch_meals_board', {}, '[]');
    assert.equal(r.status, 200);
    const boards = r.body.data as Record<string, Array<Record<string, unknown>>>;
    assert.deepEqual(Object.keys(boards).sort(), ['bb', 'fb', 'hb']);
    assert.deepEqual(boards.bb, [
      {
        id: 1,
        id_zak_property: hotel.tenant.id,
        board: 'bb',
        dfrom: '01/01/2026',
        dto: '31/12/2028',
        adults: 12,
        children: 6,
        teens: 9,
        babies: 0,
      },
    ]);
  });
});

describe('POST /kp/inventory/fetch_rate_values', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());

  it('answers the vendor example shape: product ids, one value a night, as clients send it', async () => {
    const r = await values(hotel, { from: '30/7/2027', rate: '1', n: '4' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const data = r.body.data as Values;
    // Rate 1 prices products 1, 3, 4 and 5 of the demo hotel; product 2 is rate 2's.
    assert.deepEqual(Object.keys(data).sort(), ['1', '3', '4', '5']);
    assert.deepEqual(data['1'], [
      { p: 169, m: 1, M: 0, c: 0, cta: 0, ctd: 0, a: null },
      { p: 169, m: 1, M: 0, c: 0, cta: 0, ctd: 0, a: null },
      { p: 195, m: 2, M: 0, c: 0, cta: 0, ctd: 0, a: null },
      { p: 195, m: 2, M: 0, c: 0, cta: 0, ctd: 0, a: null },
    ]);
    // What the chatbot computes: the stay's price as the sum of `.p`.
    assert.equal(
      data['1']!.reduce((sum, v) => sum + v.p, 0),
      728,
    );
  });

  it('takes the same parameters from a JSON body [] with the query, and from a form body', async () => {
    const fromQuery = await values(hotel, { from: '1/8/2027', rate: '2', n: '2' });
    const withJson = await clientCall(
      hotel,
      'inventory/fetch_rate_values',
      { from: '1/8/2027', rate: '2', n: '2' },
      '[]',
    );
    const form = await hotel.call('inventory/fetch_rate_values', { from: '01/08/2027', rate: '2', n: '2' });
    assert.equal(fromQuery.status, 200);
    assert.deepEqual(withJson, fromQuery);
    assert.deepEqual(form.body, fromQuery.body);
    assert.deepEqual(Object.keys(fromQuery.body.data as Values), ['2']);
  });

  it('gives nights without stored values the product price and no restriction', async () => {
    const r = await values(hotel, { from: '1/1/2031', rate: '1', n: '1' });
    assert.deepEqual((r.body.data as Values)['5'], [{ p: 280, m: 1, M: 0, c: 0, cta: 0, ctd: 0, a: null }]);
  });

  it('answers n from 1 to 366 and refuses anything else naming n', async () => {
    assert.equal(
      ((await values(hotel, { from: '1/1/2027', rate: '1', n: '366' })).body.data as Values)['1']!.length,
      366,
    );
    for (const n of ['0', '-1', '367', '10000', 'abc', '1.5', '']) {
      const r = await values(hotel, { from: '1/1/2027', rate: '1', n });
      assert.equal(r.status, 400, `n=${n}`);
      assert.match(r.body.error!, /\bn\b/, `n=${n}`);
    }
  });

  it('refuses a bad date and an unknown rate in the Zak envelope', async () => {
    for (const from of ['2027-01-01', '31/2/2027', 'tomorrow', '']) {
      const r = await values(hotel, { from, rate: '1', n: '3' });
      assert.equal(r.status, 400, `from=${from}`);
      assert.match(r.body.error!, /from/);
    }
    assert.deepEqual(await values(hotel, { from: '1/1/2027', rate: '9', n: '3' }), {
      status: 404,
      body: { error: 'rate not found: 9' },
    });
    assert.equal((await values(hotel, { from: '1/1/2027', rate: 'x', n: '3' })).status, 400);
  });

  it('is scoped to the tenant: another tenant of the same server sees its own rates only', async () => {
    const other = await tenantWithKey(hotel.server.db, 'Other Hotel', 'OH');
    const file = { ...(readDemoInventory() as object), rates: [], rate_values: [], meal_boards: [] };
    await importInventory(hotel.server.db, other.id, validateInventory(file));
    const asOther = { ...hotel, tenant: other };
    assert.deepEqual(await values(asOther, { from: '1/1/2027', rate: '1', n: '3' }), {
      status: 404,
      body: { error: 'rate not found: 1' },
    });
    assert.deepEqual((await clientCall(asOther, 'property/fetch_rates', {})).body, { data: [] });
    assert.deepEqual((await clientCall(asOther, 'property/fetch_meals_board', {})).body, { data: {} });
  });
});

/** The demo hotel with rules on a few nights of 2031 for product 4 (single, rate 1). */
function ruledHotel() {
  const demo = readDemoInventory() as { rate_values: unknown[] };
  return startHotel({
    ...demo,
    rate_values: [
      ...demo.rate_values,
      { product: 4, from: '2031-05-01', to: '2031-05-01', price: 90, closed: true },
      { product: 4, from: '2031-05-10', to: '2031-05-10', price: 90, closed_departure: true },
      { product: 4, from: '2031-05-20', to: '2031-05-22', price: 90, max_stay: 2 },
      { product: 4, from: '2031-06-01', to: '2031-06-02', price: 70, availability: 1 },
      { product: 4, from: '2031-06-10', to: '2031-06-10', price: 70, availability: 1 },
    ],
  });
}

const single = (arrival: string, departure: string, room: Record<string, unknown> = {}) =>
  stay({ arrival, departure, rooms: [{ product: 4, ...room }] });

describe('POST /kp/reservations/new with a product under a rate', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await ruledHotel();
  });
  after(() => hotel.close());

  const book = (params: Record<string, unknown>) =>
    hotel.call<{ data?: { rsrvid: number }; error?: string }>('reservations/new', {
      params: JSON.stringify(params),
    });
  const roomsTotal = async (id: number) =>
    (
      await hotel.call<{ data: { price: { rooms: { total: number } } } }>(
        'reservations/fetch_one_reservation',
        {
          id: String(id),
        },
      )
    ).body.data.price.rooms.total;

  it('prices a room without a price night by night from the rate, across seasons', async () => {
    // 30 and 31 July 2027 at 169, 1 August at 195 (product 1, double, rate 1): 533.
    const r = await book(stay({ arrival: '30/07/2027', departure: '02/08/2027', rooms: [{ product: 1 }] }));
    assert.equal(r.status, 200, r.text);
    assert.equal(await roomsTotal(r.body.data!.rsrvid), 533);
  });

  it('keeps a price the client gives', async () => {
    const r = await book(
      stay({ arrival: '10/03/2027', departure: '13/03/2027', rooms: [{ product: 1, price: 500 }] }),
    );
    assert.equal(r.status, 200, r.text);
    assert.equal(await roomsTotal(r.body.data!.rsrvid), 500);
  });

  it('refuses a stay that breaks a rule with a clear error, and writes nothing', async () => {
    const before = await countRows(hotel.server.db, 'reservations');
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [single('30/04/2031', '02/05/2031'), /closed on 2031-05-01/],
      [single('08/05/2031', '10/05/2031'), /closed to departure on 2031-05-10/],
      [single('20/05/2031', '23/05/2031'), /at most 2 nights from 2031-05-20/],
      [
        stay({ arrival: '01/08/2027', departure: '02/08/2027', rooms: [{ product: 1 }] }),
        /at least 2 nights/,
      ],
      [
        stay({ arrival: '25/12/2027', departure: '27/12/2027', rooms: [{ product: 1 }] }),
        /closed to arrival on 2027-12-25/,
      ],
      // A price given by the client does not lift a rule.
      [
        stay({ arrival: '01/08/2027', departure: '02/08/2027', rooms: [{ product: 1, price: 10 }] }),
        /at least 2/,
      ],
    ];
    for (const [params, message] of cases) {
      const r = await book(params);
      assert.equal(r.status, 409, JSON.stringify(params));
      assert.match(r.body.error!, message);
    }
    assert.equal(await countRows(hotel.server.db, 'reservations'), before);
  });

  it('sells no more rooms of the product than a night allows; other ways in stay open', async () => {
    const first = await book(single('01/06/2031', '03/06/2031'));
    assert.equal(first.status, 200, first.text);
    assert.equal(await roomsTotal(first.body.data!.rsrvid), 140);
    const second = await book(single('02/06/2031', '04/06/2031'));
    assert.equal(second.status, 409);
    assert.match(second.body.error!, /product 4 is sold out on 2031-06-02/);
    // The limit is the product's: the same room type booked without it is not limited.
    const byType = await book(
      stay({ arrival: '01/06/2031', departure: '03/06/2031', rooms: [{ room_type: 2 }] }),
    );
    assert.equal(byType.status, 200, byType.text);
    // Two rooms of the product in one booking count twice.
    const two = await book(
      stay({ arrival: '10/06/2031', departure: '11/06/2031', rooms: [{ product: 4 }, { product: 4 }] }),
    );
    assert.equal(two.status, 409);
    assert.match(two.body.error!, /sold out on 2031-06-10/);
    assert.equal((await book(single('10/06/2031', '11/06/2031'))).status, 200);
  });
});
