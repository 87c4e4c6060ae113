import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrations } from '../../src/store/migrations/index.ts';
import { get, postForm, type TestServer, type TestTenant } from '../helper.ts';
import { demoHotelWithAdmin } from './demo-hotel.ts';
import type { AdminClient } from '../admin/contract.ts';
import { url } from './virtpos/support.ts';

/**
 * The anonymous customer an erasure puts in a person's place (docs/guest-data.md): read as any customer, with the
 * stays and cards it holds for the accounts, but given no one's data and tied to nothing new, on every surface.
 */
describe("an erased person's anonymous customer", () => {
  let server: TestServer;
  let hotel: TestTenant;
  let admin: AdminClient;
  const zak = <T>(path: string, fields: Record<string, string>) =>
    postForm<T>(`${server.base}/kp/${path}`, fields, { 'x-api-key': hotel.key });
  const virtpos = <T>(path: string, query: Record<string, string>) =>
    get<T>(url(server.base, path, { apikey: hotel.key, format: 'json', ...query }));
  const refusal = (standIn: number) => new RegExp(`^customer ${standIn} stands in for an erased customer: `);
  const virtposRefusal = 'Клиент заменяет удалённого по запросу клиента: эта операция с ним запрещена';

  async function booking(surname: string) {
    const booked = await zak<{ data: { rsrvid: number } }>('reservations/new', {
      params: JSON.stringify({
        arrival: '10/05/2031',
        departure: '12/05/2031',
        customer: { name: 'Booker', surname },
        rooms: [{ room_type: 1, adults: 2 }],
      }),
    });
    assert.equal(booked.status, 200, JSON.stringify(booked.body));
    const id = booked.body.data.rsrvid;
    const one = await admin.call('GET', '/tenants/{tenant}/reservations/{id}', {
      params: { tenant: hotel.id, id },
    });
    return { id, room: one.body.rooms[0].id as number };
  }

  /** A guest with a stay and a card, erased: the anonymous customer that holds them, and their ids. */
  async function erasedGuest(surname: string) {
    const added = await zak<{ data: number }>('customers/add_one', {
      custdata: JSON.stringify({ name: 'Ada', surname, email: `${surname}@example.it` }),
    });
    const stay = await booking(`Of${surname}`);
    const bound = await zak('reservations/bind_customer', {
      reservation_id: String(stay.id),
      reservation_room_id: String(stay.room),
      customer_id: String(added.body.data),
    });
    assert.equal(bound.status, 200);
    const card = await admin.call('POST', '/tenants/{tenant}/cards', {
      params: { tenant: hotel.id },
      body: { uid: `C-${surname}`, customer_id: added.body.data },
    });
    const erased = await admin.call('DELETE', '/tenants/{tenant}/customers/{id}', {
      params: { tenant: hotel.id, id: added.body.data },
      query: { erase: 'true' },
    });
    assert.equal(erased.status, 200);
    return { standIn: erased.body.replaced_by as number, reservation: stay.id, card: card.body.id as number };
  }

  /** What a write could have given the anonymous customer: nothing, as the erasure left it. */
  async function assertUntouched(standIn: number) {
    const read = await admin.call('GET', '/tenants/{tenant}/customers/{id}', {
      params: { tenant: hotel.id, id: standIn },
    });
    assert.equal(read.status, 200);
    assert.deepEqual(
      [read.body.name, read.body.surname, read.body.email, read.body.phone, read.body.documents],
      ['Erased', 'Customer', null, null, []],
    );
    const events = await server.db
      .selectFrom('outbox_events')
      .select(['type', 'data'])
      .where('tenant_id', '=', hotel.id)
      .execute();
    const about = events.filter((e) => (JSON.parse(e.data) as { customer?: number }).customer === standIn);
    assert.deepEqual(
      about.map((e) => e.type),
      ['customer.created'],
    );
  }

  before(async () => {
    ({ server, hotel, admin } = await demoHotelWithAdmin());
  });
  after(() => server.close());

  it('is read as any customer, with the stays and cards it holds for the accounts, and its stays go on', async () => {
    const g = await erasedGuest('Letta');
    const fetched = await zak<{ data: { main_info: { name: string } } }>('customers/fetch_one', {
      id: String(g.standIn),
    });
    assert.equal(fetched.status, 200);
    assert.equal(fetched.body.data.main_info.name, 'Erased');
    const stay = await zak<{ data: { rooms: Array<{ customers: Array<{ id: number }> }> } }>(
      'reservations/fetch_one_reservation',
      { id: String(g.reservation) },
    );
    assert.ok(stay.body.data.rooms[0]!.customers.some((c) => c.id === g.standIn));
    const checkin = await zak('reservations/do_checkin', {
      reservation_id: String(g.reservation),
      all: 'true',
    });
    assert.equal(checkin.status, 200, JSON.stringify(checkin.body));
    const listed = await virtpos<{ customers: Array<{ id: number; cards: Array<{ id: number }> }> }>(
      '/api/customer',
      { id: String(g.standIn), cards: '1' },
    );
    assert.deepEqual(
      listed.body.customers.map((c) => [c.id, c.cards.map((card) => card.id)]),
      [[g.standIn, [g.card]]],
    );
    // The card's own state is the shop's: blocked without changing its holder.
    const blocked = await virtpos<{ success: number }>('/api/customer/updateCard', {
      card_id: String(g.card),
      status: 'BLOCKED',
    });
    assert.equal(blocked.body.success, 1, JSON.stringify(blocked.body));
    const exported = await admin.call('GET', '/tenants/{tenant}/customers/{id}/export', {
      params: { tenant: hotel.id, id: g.standIn },
    });
    assert.equal(exported.status, 200);
    assert.deepEqual(
      [
        exported.body.reservations.map((r: { id: number }) => r.id),
        exported.body.cards.map((c: { id: number }) => c.id),
      ],
      [[g.reservation], [g.card]],
    );
    await assertUntouched(g.standIn);
  });

  it('takes no data: Zak update_custdata and upload_docdata, virtpos update and the admin PATCH are refused', async () => {
    const g = await erasedGuest('Muta');
    const id = String(g.standIn);
    const updated = await zak<{ error: string }>('customers/update_custdata', {
      id,
      custdata: JSON.stringify({ name: 'Someone', email: 'someone@example.it' }),
    });
    assert.equal(updated.status, 409);
    assert.match(updated.body.error, refusal(g.standIn));
    const docdata = {
      doc_type: 'p',
      doc_country: 'IT',
      doc_number: 'P-1',
      doc_issue: '01/01/2020',
      doc_expiry: '01/01/2030',
    };
    const uploaded = await zak<{ error: string }>('customers/upload_docdata', {
      id,
      docdata: JSON.stringify(docdata),
    });
    assert.equal(uploaded.status, 409);
    assert.match(uploaded.body.error, refusal(g.standIn));
    const changed = await virtpos<{ success: number; info: string }>('/api/customer/update', {
      id,
      fname: 'Someone',
      phone: '+39 347 9998887',
    });
    assert.deepEqual(changed.body, { success: 0, info: virtposRefusal });
    const sold = await virtpos('/api/customer/update', { id, accumulated_sales: '99.90' });
    assert.deepEqual(sold.body, { success: 0, info: virtposRefusal }, 'a sale made since is not theirs');
    const patched = await admin.call('PATCH', '/tenants/{tenant}/customers/{id}', {
      params: { tenant: hotel.id, id: g.standIn },
      body: { email: 'someone@example.it' },
    });
    assert.equal(patched.status, 409);
    assert.equal(patched.body.code, 'erased_stand_in');
    assert.match(patched.body.detail, refusal(g.standIn));
    await assertUntouched(g.standIn);
  });

  it('is tied to nothing new: no room, no card given or taken, no merge, no second erasure', async () => {
    const g = await erasedGuest('Ferma');
    const other = await booking('Altro');
    const bound = await zak<{ error: string }>('reservations/bind_customer', {
      reservation_id: String(other.id),
      reservation_room_id: String(other.room),
      customer_id: String(g.standIn),
    });
    assert.equal(bound.status, 409);
    assert.match(bound.body.error, refusal(g.standIn));
    const given = await virtpos<{ success: number; info: string }>('/api/customer/insertCard', {
      customer_id: String(g.standIn),
      uid: 'C-Nuova',
    });
    assert.deepEqual(given.body, { success: 0, info: virtposRefusal });
    const live = await zak<{ data: number }>('customers/add_one', {
      custdata: JSON.stringify({ name: 'Viva', surname: 'Persona' }),
    });
    const taken = await virtpos<{ success: number; info: string }>('/api/customer/updateCard', {
      card_id: String(g.card),
      customer_id: String(live.body.data),
    });
    assert.deepEqual(taken.body, { success: 0, info: virtposRefusal });
    const adminCard = await admin.call('POST', '/tenants/{tenant}/cards', {
      params: { tenant: hotel.id },
      body: { uid: 'C-Admin', customer_id: g.standIn },
    });
    assert.equal(adminCard.status, 409);
    assert.match(adminCard.body.detail, refusal(g.standIn));
    const card = await admin.call('GET', '/tenants/{tenant}/cards/{id}', {
      params: { tenant: hotel.id, id: g.card },
    });
    assert.equal(card.body.customer, g.standIn, 'its card stays with it');
    const erasedAgain = await admin.call('DELETE', '/tenants/{tenant}/customers/{id}', {
      params: { tenant: hotel.id, id: g.standIn },
      query: { erase: 'true' },
    });
    assert.equal(erasedAgain.status, 409);
    assert.match(erasedAgain.body.detail, refusal(g.standIn));
    const merged = await admin.call('POST', '/tenants/{tenant}/customers/merge', {
      params: { tenant: hotel.id },
      body: { source: live.body.data, target: g.standIn },
    });
    assert.equal(merged.status, 409);
    const stay = await zak<{ data: { rooms: Array<{ customers: Array<{ id: number }> }> } }>(
      'reservations/fetch_one_reservation',
      { id: String(other.id) },
    );
    const guests = stay.body.data.rooms.flatMap((r) => r.customers.map((c) => c.id));
    assert.equal(guests.length, 1, 'its booker alone');
    assert.ok(!guests.includes(g.standIn));
    await assertUntouched(g.standIn);
  });

  it('is known by what it is, not by its name: migration 057 marks those of earlier erasures', async () => {
    const g = await erasedGuest('Prima');
    // A store from before the mark, where a write had renamed it (nothing refused it then, and a merge looked for
    // anonymous customers by their name): the erasure's outbox event is all that says what the customer is.
    await migrations['057_erased_stand_in']!.down!(server.db);
    await server.db
      .updateTable('customers')
      .set({ name: 'Rinominato' })
      .where('id', '=', g.standIn)
      .execute();
    await migrations['057_erased_stand_in']!.up(server.db);
    const live = await zak<{ data: number }>('customers/add_one', {
      custdata: JSON.stringify({ name: 'Viva', surname: 'Ancora' }),
    });
    const merged = await admin.call('POST', '/tenants/{tenant}/customers/merge', {
      params: { tenant: hotel.id },
      body: { source: g.standIn, target: live.body.data },
    });
    assert.equal(merged.status, 409);
    assert.match(merged.body.detail, refusal(g.standIn));
    const patched = await admin.call('PATCH', '/tenants/{tenant}/customers/{id}', {
      params: { tenant: hotel.id, id: g.standIn },
      body: { name: 'Ancora' },
    });
    assert.equal(patched.status, 409);
    // A customer named as the anonymous ones are, made by a client, is anyone's to change.
    const namesake = await zak<{ data: number }>('customers/add_one', {
      custdata: JSON.stringify({ name: 'Erased', surname: 'Customer' }),
    });
    const changed = await zak('customers/update_custdata', {
      id: String(namesake.body.data),
      custdata: JSON.stringify({ email: 'namesake@example.it' }),
    });
    assert.equal(changed.status, 200);
  });
});
