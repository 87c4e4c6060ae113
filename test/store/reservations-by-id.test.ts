import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kindOf } from '../../src/store/db.ts';
import { insertCustomers } from '../../src/store/customers.ts';
import { listReservations, reservationsWithRooms } from '../../src/store/reservation-pages.ts';
import { freshStore, tenantWithKey, type TestStore } from '../helper.ts';

// On SQLite, reservations read by id (a filtered page, fetch_one, today's list) come back as one JSON text and are
// put in order in JavaScript; an unfiltered page is read row by row with ORDER BY. Both must give the same objects.
describe('reservations read by id', () => {
  let store: TestStore;
  let tenant: number;
  let other: number;
  const ids: number[] = [];
  // PostgreSQL refuses NUL in text; SQLite keeps it.
  const odd = (sqlite: boolean) => [
    ...(sqlite ? ['a\u0000b'] : []),
    '\u0001\u001f "quoted" \\ / \u2028\u2029',
    'emoji 😀𝄞, Ωмир',
    "'; drop table reservations; --",
  ];

  async function reservation(tenantId: number, booker: number, code: string, cpolicy: string) {
    const [row] = await store.db
      .insertInto('reservations')
      .values({
        tenant_id: tenantId,
        code,
        booker,
        status: 'Confirmed',
        expiration_date: null,
        board: 'bb',
        channel: '--',
        cpolicy,
        created_on: '2031-05-01',
        created_at: '2031-05-01T10:00:00.000Z',
        last_status_at: null,
        arrival: '2031-05-10',
        departure: '2031-05-12',
        currency: 'EUR',
        vat_rooms_bp: 1000,
        tax_cents: null,
        extras_cents: 9_007_199_254_740_991,
        extras_vat_cents: 0,
        meals_cents: 0,
        meals_vat_cents: 0,
      })
      .returning('id')
      .execute();
    return row!.id;
  }

  async function room(tenantId: number, reservationId: number, doorCode: string | null) {
    const [row] = await store.db
      .insertInto('reservation_rooms')
      .values({
        tenant_id: tenantId,
        reservation_id: reservationId,
        room_id: 1,
        room_type_id: 1,
        dfrom: '2031-05-10',
        dto: '2031-05-12',
        adults: 2,
        teens: 0,
        children: 0,
        babies: 0,
        product_id: null,
        rate_id: null,
        price_cents: 22_050,
        vat_cents: 2_005,
        door_code: doorCode,
      })
      .returning('id')
      .execute();
    return row!.id;
  }

  async function guest(tenantId: number, reservationId: number, roomId: number, customerId: number) {
    await store.db
      .insertInto('room_customers')
      .values({
        tenant_id: tenantId,
        reservation_id: reservationId,
        reservation_room_id: roomId,
        customer_id: customerId,
        checkin: null,
        checkout: null,
      })
      .execute();
  }

  before(async () => {
    store = await freshStore();
    tenant = (await tenantWithKey(store.db, 'First')).id;
    other = (await tenantWithKey(store.db, 'Second')).id;
    const at = '2031-05-01T10:00:00.000Z';
    await insertCustomers(
      store.db,
      [tenant, tenant, tenant, other].map((t, i) => ({
        tenant_id: t,
        name: `G${i}`,
        surname: 'ById',
        created_at: at,
        updated_at: at,
      })),
    );
    const customers = await store.db
      .selectFrom('customers')
      .select(['id', 'tenant_id'])
      .orderBy('id')
      .execute();
    const [c1, c2, c3] = customers.filter((c) => c.tenant_id === tenant).map((c) => c.id) as [
      number,
      number,
      number,
    ];
    const texts = odd(kindOf(store.db) === 'sqlite');
    // Several rooms, guests added newest customer first, a room without guests, a reservation without rooms.
    for (const [i, text] of texts.entries()) {
      const id = await reservation(tenant, c1, `BY-${i}`, text);
      ids.push(id);
      const first = await room(tenant, id, text);
      await guest(tenant, id, first, c3);
      await guest(tenant, id, first, c1);
      await room(tenant, id, null);
      const third = await room(tenant, id, '4321');
      await guest(tenant, id, third, c2);
    }
    ids.push(await reservation(tenant, c1, 'BY-empty', 'none'));
    const foreign = await reservation(other, customers.at(-1)!.id, 'OT-1', 'other');
    await room(other, foreign, 'theirs');
    ids.push(foreign);
  });
  after(() => store.drop());

  it('gives by id exactly what a page read row by row gives, in and out of a transaction', async () => {
    const rowByRow = await listReservations(store.db, tenant, {}, 64, 0);
    assert.equal(rowByRow.length, ids.length - 1);
    assert.deepEqual(await reservationsWithRooms(store.db, tenant, ids), rowByRow);
    assert.deepEqual(
      await store.db.transaction().execute((trx) => reservationsWithRooms(trx, tenant, ids)),
      rowByRow,
    );
    const filtered = { created: { from: '2031-05-01', to: '2031-05-01' } };
    assert.deepEqual(await listReservations(store.db, tenant, filtered, 64, 0), rowByRow);
  });

  it('keeps text as stored, rooms and guests in the order they were added, and empty rooms', async () => {
    const read = await reservationsWithRooms(store.db, tenant, [...ids].reverse());
    const texts = odd(kindOf(store.db) === 'sqlite');
    assert.deepEqual(
      read.map((r) => r.reservation.cpolicy),
      [...texts, 'none'],
    );
    for (const [i, item] of read.slice(0, texts.length).entries()) {
      assert.deepEqual(
        item.rooms.map((r) => r.door_code),
        [texts[i], null, '4321'],
      );
      assert.deepEqual(
        item.rooms.map((r) => r.customers.length),
        [2, 0, 1],
      );
      const [newest, older] = item.rooms[0]!.customers;
      assert.ok(newest!.id < older!.id && newest!.customer_id > older!.customer_id);
      assert.equal(item.reservation.extras_cents, 9_007_199_254_740_991);
      assert.equal(item.rooms[0]!.price_cents, 22_050);
    }
    assert.deepEqual(read.at(-1)!.rooms, []);
  });

  it("finds nothing of another tenant's, and nothing for no ids", async () => {
    assert.deepEqual(await reservationsWithRooms(store.db, tenant, [ids.at(-1)!]), []);
    assert.deepEqual(await reservationsWithRooms(store.db, tenant, []), []);
    assert.equal((await reservationsWithRooms(store.db, other, ids)).length, 1);
  });
});
