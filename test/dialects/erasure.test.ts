import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  countRows,
  get,
  postForm,
  runCli,
  tenantWithKey,
  type TestServer,
  type TestTenant,
} from '../helper.ts';
import { demoHotelWithAdmin } from './demo-hotel.ts';
import { assertNotInStoreFiles } from '../store-files.ts';
import type { AdminClient } from '../admin/contract.ts';
import { url } from './virtpos/support.ts';

describe('a data subject: export and erasure', () => {
  let server: TestServer;
  let hotel: TestTenant;
  let admin: AdminClient;
  const zak = <T>(path: string, fields: Record<string, string>, key = hotel.key) =>
    postForm<T>(`${server.base}/kp/${path}`, fields, { 'x-api-key': key });
  /** A customer added through Zak `add_one`: its id. */
  const add = async (custdata: Record<string, string>) =>
    (await zak<{ data: number }>('customers/add_one', { custdata: JSON.stringify(custdata) })).body.data;
  const merge = (source: number, target: number) =>
    admin.call('POST', '/tenants/{tenant}/customers/merge', {
      params: { tenant: hotel.id },
      body: { source, target },
    });

  /** A guest added through Zak with a passport, bound to a booking, holding a discount card. */
  async function guest(surname: string, phone = '+39 347 7654321') {
    const added = await zak<{ data: number }>('customers/add_one', {
      custdata: JSON.stringify({
        name: 'Lucia',
        surname,
        email: `${surname}@example.it`,
        phone,
      }),
    });
    const id = added.body.data;
    const docdata = {
      doc_type: 'p',
      doc_country: 'IT',
      doc_number: `P-${surname}`,
      doc_issue: '01/01/2020',
      doc_expiry: '01/01/2030',
    };
    assert.equal(
      (await zak('customers/upload_docdata', { id: String(id), docdata: JSON.stringify(docdata) })).status,
      200,
    );
    const booked = await zak<{ data: { rsrvid: number } }>('reservations/new', {
      params: JSON.stringify({
        arrival: '10/05/2031',
        departure: '12/05/2031',
        customer: { name: 'Booker', surname: `Of${surname}` },
        rooms: [{ room_type: 1, adults: 2 }],
      }),
    });
    assert.equal(booked.status, 200, JSON.stringify(booked.body));
    const reservation = booked.body.data.rsrvid;
    const one = await admin.call('GET', '/tenants/{tenant}/reservations/{id}', {
      params: { tenant: hotel.id, id: reservation },
    });
    const bound = await zak('reservations/bind_customer', {
      reservation_id: String(reservation),
      reservation_room_id: String(one.body.rooms[0].id),
      customer_id: String(id),
    });
    assert.equal(bound.status, 200, JSON.stringify(bound.body));
    const card = await admin.call('POST', '/tenants/{tenant}/cards', {
      params: { tenant: hotel.id },
      body: { uid: `C-${surname}`, customer_id: id },
    });
    assert.equal(card.status, 201);
    return { id, reservation, card: card.body.id as number };
  }

  before(async () => {
    ({ server, hotel, admin } = await demoHotelWithAdmin());
  });
  after(() => server.close());

  it('exports everything held about a person, documents decrypted, through the admin API and the CLI', async () => {
    const g = await guest('Rossini');
    const r = await admin.call('GET', '/tenants/{tenant}/customers/{id}/export', {
      params: { tenant: hotel.id, id: g.id },
    });
    assert.equal(r.status, 200);
    assert.equal(r.body.customer.email, 'Rossini@example.it');
    assert.deepEqual(
      r.body.customer.documents.map((d: { doc_number: string }) => d.doc_number),
      ['P-Rossini'],
    );
    assert.deepEqual(
      r.body.reservations.map((x: { id: number }) => x.id),
      [g.reservation],
    );
    assert.deepEqual(
      r.body.cards.map((c: { id: number }) => c.id),
      [g.card],
    );
    const events = r.body.events as Array<{ type: string; data: { customer: number; fields?: object } }>;
    assert.deepEqual(
      events.map((e) => e.type),
      ['customer.created', 'customer.document_saved', 'reservation.guest_added'],
    );
    assert.ok(events.every((e) => e.data.customer === g.id));
    assert.equal((events[0]!.data.fields as { email: string }).email, 'Rossini@example.it');
    const cli = await runCli(
      server.store.url,
      'customer',
      'export',
      '--tenant',
      String(hotel.id),
      '--customer',
      String(g.id),
    );
    assert.equal(cli.code, 0, cli.stderr);
    // One document both ways: every field held about the person, no lookup keys, the same shapes.
    assert.equal(r.body.customer.accumulated_sales, 0);
    assert.ok('group_id' in r.body.customer && 'created_by' in r.body.customer);
    assert.ok(!('email_key' in r.body.customer) && !('tenant_id' in r.body.customer));
    const { exported_at: cliAt, ...fromCli } = JSON.parse(cli.stdout);
    const { exported_at: apiAt, ...fromApi } = r.body;
    assert.ok(cliAt >= apiAt);
    assert.deepEqual(fromCli, fromApi);
    const other = await tenantWithKey(server.db, 'Other', 'OT');
    const cross = await admin.call('GET', '/tenants/{tenant}/customers/{id}/export', {
      params: { tenant: other.id, id: g.id },
    });
    assert.equal(cross.status, 404);
  });

  it('exports the journal entries naming a person; their erasure deletes those and no other', async () => {
    const g = await guest('Journaled', '+39 347 1112223');
    assert.equal((await zak('customers/fetch_one', { id: String(g.id) })).status, 200);
    type Entry = { id: number; call: string };
    const r = await admin.call('GET', '/tenants/{tenant}/customers/{id}/export', {
      params: { tenant: hotel.id, id: g.id },
    });
    assert.equal(r.status, 200);
    const named = r.body.journal as Entry[];
    assert.deepEqual(
      [...new Set(named.map((e) => e.call))].sort(),
      ['customers/add_one', 'customers/fetch_one', 'customers/upload_docdata', 'reservations/bind_customer'],
      'their own calls, not the booking of another booker',
    );
    const journal = async () =>
      (
        await admin.call('GET', '/tenants/{tenant}/requests', {
          params: { tenant: hotel.id },
          query: { limit: '1000' },
        })
      ).body.items as Entry[];
    const before = await journal();
    const erased = await admin.call('DELETE', '/tenants/{tenant}/customers/{id}', {
      params: { tenant: hotel.id, id: g.id },
      query: { erase: 'true' },
    });
    assert.equal(erased.status, 200);
    const gone = new Set(named.map((e) => e.id));
    assert.deepEqual(
      (await journal()).map((e) => e.id),
      before.filter((e) => !gone.has(e.id)).map((e) => e.id),
    );
    assert.ok(before.length > named.length, 'other entries stay');
  });

  it("withholds from a person's export each part of a journal entry that names someone else", async () => {
    const household = '+39 347 5550001';
    const anna = await add({
      name: 'Anna',
      surname: 'Riservata',
      email: 'anna.old@example.it',
      phone: household,
    });
    const bruno = await add({
      name: 'Bruno',
      surname: 'Riservato',
      email: 'bruno@example.it',
      phone: household,
    });
    const carla = await add({
      name: 'Carla',
      surname: 'Altra',
      email: 'carla@example.it',
      phone: '+39 347 5550003',
    });
    // A duplicate of Anna's, merged into her: its entries are hers, with the e-mail it had.
    const former = await add({ name: 'Anna', surname: 'Riservata', email: 'anna.work@example.it' });
    await zak('customers/fetch_one', { id: String(former) });
    const merged = await merge(former, anna);
    assert.equal(merged.status, 200);
    // Calls about Anna alone, one written with the e-mail she had before.
    await zak('customers/update_custdata', {
      id: String(anna),
      custdata: JSON.stringify({ email: 'anna@example.it' }),
    });
    await zak('customers/fetch_one', { id: String(anna) });
    const virtpos = (query: Record<string, string>) =>
      get(url(server.base, '/api/customer', { apikey: hotel.key, format: 'json', ...query }));
    await virtpos({ page: '1', page_size: '50' }); // a listing of every customer
    await virtpos({ phone: household }); // a look-up by her phone, which Bruno shares
    await virtpos({ email: 'bruno@example.it' }); // a search by another's e-mail, naming her by the phone
    await virtpos({ format: 'xml', phone: '+39 347 5550003' }); // another's phone: not hers, not in her export
    await virtpos({ id: String(anna), phone: '+39 347 5550003' }); // her id with another's phone: found no one
    const exported = await admin.call('GET', '/tenants/{tenant}/customers/{id}/export', {
      params: { tenant: hotel.id, id: anna },
    });
    assert.equal(exported.status, 200);
    type Entry = { call: string; path: string; request_body: string; reply_body: string; withheld: string[] };
    const journal = exported.body.journal as Entry[];
    const withheld = '[withheld: names other customers]';
    const listing = (query: string) => journal.find((e) => e.path.includes(query) || e.path === query);
    const page = listing('page_size=50')!;
    assert.deepEqual(page.withheld, ['reply_body']);
    assert.equal(page.reply_body, withheld);
    assert.match(page.path, /page=1&page_size=50/, 'a path naming no one is kept');
    const byPhone = listing('phone=%2B39+347+5550001')!;
    assert.deepEqual(
      byPhone.withheld,
      ['reply_body'],
      'her phone in the path is hers; the reply lists Bruno',
    );
    const byEmail = journal.find((e) => e.withheld.includes('reply_body') && e.withheld.includes('path'))!;
    assert.deepEqual(byEmail.withheld, ['path', 'reply_body']);
    assert.deepEqual([byEmail.path, byEmail.reply_body], [withheld, withheld]);
    const byIdAndPhone = journal.find((e) => e.call === 'customer')!;
    assert.deepEqual(
      byIdAndPhone.withheld,
      ['path'],
      'the path names Carla by her phone; the empty reply no one',
    );
    assert.equal(
      byIdAndPhone.reply_body,
      JSON.stringify({ success: 1, type: 'customer', count: 0, customers: [] }),
    );
    assert.equal(journal.filter((e) => e.call === 'customer').length, 4, "Carla's look-up does not name her");
    const whole = journal.filter((e) => e.call.startsWith('customers/'));
    assert.deepEqual(
      whole.map((e) => [e.call, e.withheld.length]),
      [
        ['customers/fetch_one', 0],
        ['customers/update_custdata', 0],
        ['customers/fetch_one', 0],
        ['customers/add_one', 0],
        ['customers/add_one', 2],
        ['customers/add_one', 0],
      ],
      "her own calls and her merged duplicate's, whole; Bruno's, made with her phone, withheld",
    );
    assert.deepEqual(whole[4]!.request_body, withheld);
    assert.ok(whole.some((e) => e.request_body.includes('anna.old@example.it')));
    assert.ok(whole.some((e) => e.request_body.includes('anna.work@example.it')));
    const text = JSON.stringify(exported.body.journal);
    for (const word of ['bruno@example.it', 'Bruno', 'carla@example.it', 'Carla', `"id":${bruno}`])
      assert.ok(!text.includes(word), word);
    assert.ok(carla > bruno);
  });

  it('erases a person: every dialect answers their id as missing, the accounts keep an anonymous customer', async () => {
    const g = await guest('Verdi');
    const documentsBefore = await countRows(server.db, 'customer_documents');
    assert.equal(
      (
        await admin.call('DELETE', '/tenants/{tenant}/customers/{id}', {
          params: { tenant: hotel.id, id: g.id },
        })
      ).status,
      400,
      'only erase=true',
    );
    const other = await tenantWithKey(server.db, 'Another', 'AN');
    const cross = await admin.call('DELETE', '/tenants/{tenant}/customers/{id}', {
      params: { tenant: other.id, id: g.id },
      query: { erase: 'true' },
    });
    assert.equal(cross.status, 404);
    const erased = await admin.call('DELETE', '/tenants/{tenant}/customers/{id}', {
      params: { tenant: hotel.id, id: g.id },
      query: { erase: 'true' },
    });
    assert.equal(erased.status, 200);
    const anonymous = erased.body.replaced_by as number;
    assert.equal(await countRows(server.db, 'customer_documents'), documentsBefore - 1);

    assert.equal((await zak('customers/fetch_one', { id: String(g.id) })).status, 404);
    const listed = await get<{ count: number }>(
      url(server.base, '/api/customer', { apikey: hotel.key, format: 'json', id: String(g.id) }),
    );
    assert.equal(listed.body.count, 0);
    assert.equal(
      (
        await admin.call('GET', '/tenants/{tenant}/customers/{id}', {
          params: { tenant: hotel.id, id: g.id },
        })
      ).status,
      404,
    );
    const byEmail = await admin.call('GET', '/tenants/{tenant}/customers', {
      params: { tenant: hotel.id },
      query: { q: 'verdi@example.it' },
    });
    assert.deepEqual(byEmail.body.items, []);

    const reservation = await zak<{ data: { rooms: Array<{ customers: Array<{ id: number }> }> } }>(
      'reservations/fetch_one_reservation',
      { id: String(g.reservation) },
    );
    const guests = reservation.body.data.rooms[0]!.customers.map((c) => c.id);
    assert.ok(guests.includes(anonymous) && !guests.includes(g.id), JSON.stringify(guests));
    const ghost = await zak<{ data: { main_info: { name: string; surname: string } } }>(
      'customers/fetch_one',
      {
        id: String(anonymous),
      },
    );
    assert.deepEqual(ghost.body.data.main_info, {
      ...ghost.body.data.main_info,
      name: 'Erased',
      surname: 'Customer',
    });
    const card = await admin.call('GET', '/tenants/{tenant}/cards/{id}', {
      params: { tenant: hotel.id, id: g.card },
    });
    assert.equal(card.body.customer, anonymous);
    const again = await admin.call('DELETE', '/tenants/{tenant}/customers/{id}', {
      params: { tenant: hotel.id, id: g.id },
      query: { erase: 'true' },
    });
    assert.equal(again.status, 404);
  });

  it("keeps none of the person's values in the store's events, nor in the SQLite file or its log", async () => {
    const g = await guest('Zabaglione', '+39 347 1112223');
    const changed = await zak('customers/update_custdata', {
      id: String(g.id),
      custdata: JSON.stringify({ phone: '+39 347 9990001' }),
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    const words = ['Zabaglione@example.it', '3471112223', '3479990001'];
    // The journal holds the guest's requests: written now, so that the erasure finds them in the store.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const erased = await admin.call('DELETE', '/tenants/{tenant}/customers/{id}', {
      params: { tenant: hotel.id, id: g.id },
      query: { erase: 'true' },
    });
    assert.equal(erased.status, 200);
    const events = await server.db
      .selectFrom('outbox_events')
      .select(['type', 'data'])
      .where('tenant_id', '=', hotel.id)
      .orderBy('id')
      .execute();
    const about = events.filter((e) => (JSON.parse(e.data) as { customer?: number }).customer === g.id);
    assert.deepEqual(
      about.map((e) => e.type),
      [
        'customer.created',
        'customer.document_saved',
        'reservation.guest_added',
        'customer.updated',
        'customer.erased',
      ],
    );
    assert.deepEqual(JSON.parse(about[0]!.data), { customer: g.id, fields: {} });
    assert.deepEqual(JSON.parse(about[3]!.data), { customer: g.id, changes: {} });
    for (const word of words) assert.ok(!events.some((e) => e.data.includes(word)), word);
    await assertNotInStoreFiles(server, words);
  });

  it('exports and erases with a person the customers merged into them (A into B, B into C)', async () => {
    const a = await add({
      name: 'Gianni',
      surname: 'Catena',
      email: 'gianni.a@example.it',
      phone: '+39 347 2223334',
    });
    const b = await add({ name: 'Gianni', surname: 'Catena', email: 'gianni.b@example.it' });
    const c = await add({ name: 'Gianni', surname: 'Catena' });
    await zak('customers/update_custdata', { id: String(a), custdata: JSON.stringify({ city: 'Torino' }) });
    assert.equal((await merge(a, b)).status, 200);
    assert.equal((await merge(b, c)).status, 200);
    const exported = await admin.call('GET', '/tenants/{tenant}/customers/{id}/export', {
      params: { tenant: hotel.id, id: c },
    });
    const events = exported.body.events as Array<{ type: string; data: { customer: number } }>;
    assert.deepEqual(
      events.map((e) => [e.type, e.data.customer]),
      [
        ['customer.created', a],
        ['customer.created', b],
        ['customer.created', c],
        ['customer.updated', a],
        ['customer.updated', b],
        ['customer.updated', c],
      ],
    );
    const calls = (exported.body.journal as Array<{ call: string; reply_body: string }>).map(
      (e) => e.reply_body,
    );
    for (const id of [a, b, c]) assert.ok(calls.includes(JSON.stringify({ data: id })), `add_one of ${id}`);
    const erased = await admin.call('DELETE', '/tenants/{tenant}/customers/{id}', {
      params: { tenant: hotel.id, id: c },
      query: { erase: 'true' },
    });
    assert.equal(erased.status, 200);
    const words = ['gianni.a@example.it', 'gianni.b@example.it', '347 2223334', 'Torino', 'Catena'];
    const outbox = await server.db
      .selectFrom('outbox_events')
      .select('data')
      .where('tenant_id', '=', hotel.id)
      .execute();
    for (const word of words) assert.ok(!outbox.some((e) => e.data.includes(word)), `outbox: ${word}`);
    const journal = await admin.call('GET', '/tenants/{tenant}/requests', {
      params: { tenant: hotel.id },
      query: { limit: '1000' },
    });
    const text = JSON.stringify(journal.body.items);
    for (const word of words) assert.ok(!text.includes(word), `journal: ${word}`);
  });

  it("keeps the person's accumulated sales and bonus balance on the anonymous customer (exported before)", async () => {
    const g = await guest('Contabile');
    const virtpos = (path: string, query: Record<string, string>) =>
      get<{ customers: Array<{ accumulated_sales: string; bonuses: { balance: string } }> }>(
        url(server.base, path, { apikey: hotel.key, format: 'json', ...query }),
      );
    await virtpos('/api/customer/update', { id: String(g.id), accumulated_sales: '15200.50' });
    // No call of the vendor's changes a bonus balance (virtpos.md): the store holds one as an import would.
    await server.db
      .updateTable('customers')
      .set({ bonus_balance_cents: 700 })
      .where('id', '=', g.id)
      .execute();
    const exported = await admin.call('GET', '/tenants/{tenant}/customers/{id}/export', {
      params: { tenant: hotel.id, id: g.id },
    });
    assert.equal(exported.body.customer.accumulated_sales, 15200.5);
    assert.equal(exported.body.customer.bonus_balance, 7);
    const erased = await admin.call('DELETE', '/tenants/{tenant}/customers/{id}', {
      params: { tenant: hotel.id, id: g.id },
      query: { erase: 'true' },
    });
    const anonymous = await virtpos('/api/customer', { id: String(erased.body.replaced_by), bonuses: '1' });
    assert.deepEqual(
      anonymous.body.customers.map((c) => [c.accumulated_sales, c.bonuses.balance]),
      [['15200.50', '7']],
    );
  });

  it('erases a booker through the CLI: the reservation names the anonymous customer as its booker', async () => {
    const g = await guest('Bianchi');
    const booking = await admin.call('GET', '/tenants/{tenant}/reservations/{id}', {
      params: { tenant: hotel.id, id: g.reservation },
    });
    const booker = booking.body.booker as number;
    const r = await runCli(
      server.store.url,
      'customer',
      'erase',
      '--tenant',
      String(hotel.id),
      '--customer',
      String(booker),
    );
    assert.equal(r.code, 0, r.stderr);
    const after = await admin.call('GET', '/tenants/{tenant}/reservations/{id}', {
      params: { tenant: hotel.id, id: g.reservation },
    });
    assert.notEqual(after.body.booker, booker);
    assert.equal(after.body.price.total, booking.body.price.total, 'the accounts are whole');
    assert.equal((await zak('customers/fetch_one', { id: String(booker) })).status, 404);
  });
});
