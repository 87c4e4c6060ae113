import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { get, postForm, runCli, tenantWithKey, type TestServer, type TestTenant } from '../helper.ts';
import { demoHotelWithAdmin } from './demo-hotel.ts';
import type { AdminClient } from '../admin/contract.ts';
import { url } from './virtpos/support.ts';

describe('duplicate customers: found and merged', () => {
  let server: TestServer;
  let hotel: TestTenant;
  let admin: AdminClient;
  const zak = <T>(path: string, fields: Record<string, string>) =>
    postForm<T>(`${server.base}/kp/${path}`, fields, { 'x-api-key': hotel.key });
  const customer = async (custdata: Record<string, string>) => {
    const r = await zak<{ data: number }>('customers/add_one', { custdata: JSON.stringify(custdata) });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.data;
  };
  const documentFor = async (id: number, number: string) => {
    const docdata = {
      doc_type: 'p',
      doc_country: 'IT',
      doc_number: number,
      doc_issue: '01/01/2020',
      doc_expiry: '01/01/2030',
    };
    assert.equal(
      (await zak('customers/upload_docdata', { id: String(id), docdata: JSON.stringify(docdata) })).status,
      200,
    );
  };
  const merge = (body: Record<string, unknown>, tenant = hotel.id) =>
    admin.call('POST', '/tenants/{tenant}/customers/merge', { params: { tenant }, body });
  const mergeByCli = (from: number, into: number) =>
    runCli(
      server.store.url,
      'customer',
      'merge',
      '--tenant',
      String(hotel.id),
      '--source',
      String(from),
      '--target',
      String(into),
    );

  let target: number;
  let source: number;
  let reservation: number;
  let card: number;

  before(async () => {
    ({ server, hotel, admin } = await demoHotelWithAdmin());
    target = await customer({ name: 'Marco', surname: 'Polo', email: 'marco@polo.it', city: 'Venezia' });
    source = await customer({
      name: 'Marco',
      surname: 'Polo',
      email: 'MARCO@polo.it',
      phone: '+39 041 5200000',
      city: 'Pechino',
    });
    await server.db
      .updateTable('customers')
      .set({ external_id: 'EXT-SRC' })
      .where('id', '=', source)
      .execute();
    await documentFor(source, 'MP0001');
    await documentFor(target, 'MP0002');
    const booked = await zak<{ data: { rsrvid: number } }>('reservations/new', {
      params: JSON.stringify({
        arrival: '01/09/2031',
        departure: '03/09/2031',
        customer: { name: 'Travel', surname: 'Agent' },
        rooms: [{ room_type: 1, adults: 2 }],
      }),
    });
    reservation = booked.body.data.rsrvid;
    const one = await admin.call('GET', '/tenants/{tenant}/reservations/{id}', {
      params: { tenant: hotel.id, id: reservation },
    });
    await zak('reservations/bind_customer', {
      reservation_id: String(reservation),
      reservation_room_id: String(one.body.rooms[0].id),
      customer_id: String(source),
    });
    card = (
      await admin.call('POST', '/tenants/{tenant}/cards', {
        params: { tenant: hotel.id },
        body: { uid: 'MP-CARD', customer_id: source },
      })
    ).body.id;
  });
  after(() => server.close());

  it('lists likely duplicates with their reason: the same e-mail in any case, the same name and birthday', async () => {
    const twinA = await customer({ name: 'Anna', surname: 'Rosa', birthday: '04/05/1990' });
    const twinB = await customer({ name: 'ANNA', surname: 'rosa', birthday: '04/05/1990' });
    const r = await admin.call('GET', '/tenants/{tenant}/customers/duplicates', {
      params: { tenant: hotel.id },
    });
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.body.items.map((g: { reason: string; customers: number[] }) => [g.reason, g.customers]),
      [
        ['email', [target, source]],
        ['name_birthday', [twinA, twinB]],
      ],
    );
    const cli = await runCli(
      server.store.url,
      'customer',
      'duplicates',
      '--tenant',
      String(hotel.id),
      '--json',
    );
    assert.equal(cli.code, 0, cli.stderr);
    assert.deepEqual(JSON.parse(cli.stdout), r.body.items);
    // For a person, columns aligned as every command's tables are: each column starts where its header does.
    const text = await runCli(server.store.url, 'customer', 'duplicates', '--tenant', String(hotel.id));
    const [header, ...rows] = text.stdout.trimEnd().split('\n');
    assert.match(header!, /^REASON +VALUE +CUSTOMERS$/);
    assert.equal(rows.length, r.body.items.length);
    for (const row of rows) {
      assert.doesNotMatch(row, /\t/);
      assert.equal(row.indexOf(row.split(/ {2,}/)[2]!), header!.indexOf('CUSTOMERS'), row);
    }
  });

  it('a dry run reports what would move and which fields conflict, and changes nothing', async () => {
    const r = await merge({ source, target, dry_run: true });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.moves, {
      reservations_booked: 0,
      room_guests: 1,
      documents: 1,
      cards: 1,
      external_id: true,
      accumulated_sales: 0,
      bonus_balance: 0,
    });
    assert.deepEqual(r.body.filled.sort(), ['external_id', 'phone']);
    assert.deepEqual(r.body.conflicts, [
      { field: 'email', source: 'MARCO@polo.it', target: 'marco@polo.it' },
      { field: 'city', source: 'Pechino', target: 'Venezia' },
    ]);
    assert.equal((await zak('customers/fetch_one', { id: String(source) })).status, 200);
  });

  it("merges: the source answers as missing everywhere, its stays, documents, card and external id are the target's", async () => {
    const r = await merge({ source, target });
    assert.equal(r.status, 200);
    assert.equal(r.body.dry_run, false);
    assert.equal((await zak('customers/fetch_one', { id: String(source) })).status, 404);
    const byExternal = await get<{ customers: Array<{ id: number }> }>(
      url(server.base, '/api/customer', { apikey: hotel.key, format: 'json', external_id: 'EXT-SRC' }),
    );
    assert.deepEqual(
      byExternal.body.customers.map((c) => c.id),
      [target],
    );
    const merged = await admin.call('GET', '/tenants/{tenant}/customers/{id}', {
      params: { tenant: hotel.id, id: target },
    });
    assert.equal(merged.body.city, 'Venezia', "the target's value wins");
    assert.equal(merged.body.phone, '+39 041 5200000', 'an empty field is filled');
    assert.deepEqual(merged.body.documents.map((d: { doc_number: string }) => d.doc_number).sort(), [
      'MP0001',
      'MP0002',
    ]);
    const stay = await admin.call('GET', '/tenants/{tenant}/reservations/{id}', {
      params: { tenant: hotel.id, id: reservation },
    });
    assert.ok(stay.body.rooms[0].guests.some((g: { customer: number }) => g.customer === target));
    const held = await admin.call('GET', '/tenants/{tenant}/cards/{id}', {
      params: { tenant: hotel.id, id: card },
    });
    assert.equal(held.body.customer, target);
    const dup = await admin.call('GET', '/tenants/{tenant}/customers/duplicates', {
      params: { tenant: hotel.id },
    });
    assert.ok(!dup.body.items.some((g: { reason: string }) => g.reason === 'email'));
    // Webhooks are told of the merge, and of what the target took as any change of it.
    const events = await server.db
      .selectFrom('outbox_events')
      .select(['type', 'data'])
      .where('tenant_id', '=', hotel.id)
      .where('type', 'in', ['customer.merged', 'customer.updated'])
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.slice(-2).map((e) => [e.type, JSON.parse(e.data)]),
      [
        ['customer.merged', { source, target }],
        [
          'customer.updated',
          { customer: target, changes: { phone: '+39 041 5200000', external_id: 'EXT-SRC' } },
        ],
      ],
    );
  });

  it('refuses a merge into itself, across tenants, and into an erased customer, writing nothing', async () => {
    const a = await customer({ name: 'Solo', surname: 'Uno' });
    const b = await customer({ name: 'Solo', surname: 'Due' });
    assert.equal((await merge({ source: a, target: a })).status, 400);
    const other = await tenantWithKey(server.db, 'Other', 'OT');
    assert.equal((await merge({ source: a, target: b }, other.id)).status, 404);
    await admin.call('DELETE', '/tenants/{tenant}/customers/{id}', {
      params: { tenant: hotel.id, id: b },
      query: { erase: 'true' },
    });
    assert.equal((await merge({ source: a, target: b })).status, 404);
    assert.equal((await zak('customers/fetch_one', { id: String(a) })).status, 200);
    const dry = await mergeByCli(a, a);
    assert.equal(dry.code, 2);
  });

  it("adds the source's accumulated sales and bonus balance to the target's, and reports them", async () => {
    const a = await customer({ name: 'Saldo', surname: 'Uno' });
    const b = await customer({ name: 'Saldo', surname: 'Uno' });
    const set = (id: number, sales: number, bonus: number) =>
      server.db
        .updateTable('customers')
        .set({ accumulated_sales_cents: sales, bonus_balance_cents: bonus })
        .where('id', '=', id)
        .execute();
    await set(a, 1050, 200);
    await set(b, 2000, 50);
    const r = await merge({ source: a, target: b });
    assert.equal(r.status, 200);
    assert.equal(r.body.moves.accumulated_sales, 10.5);
    assert.equal(r.body.moves.bonus_balance, 2);
    const listed = await get<{
      customers: Array<{ accumulated_sales: string; bonuses: { balance: string } }>;
    }>(url(server.base, '/api/customer', { apikey: hotel.key, format: 'json', id: String(b), bonuses: '1' }));
    assert.deepEqual(
      listed.body.customers.map((c) => [c.accumulated_sales, c.bonuses.balance]),
      [['30.50', '2.50']],
    );
  });

  it('runs merges and erasures of one person at once one after the other: one wins, the other is a 404', async () => {
    const erase = (id: number) =>
      admin.call('DELETE', '/tenants/{tenant}/customers/{id}', {
        params: { tenant: hotel.id, id },
        query: { erase: 'true' },
      });
    for (let round = 0; round < 4; round++) {
      const [a, b, c, d] = [
        await customer({ name: 'Gara', surname: 'A', email: `gara.a${round}@example.it` }),
        await customer({ name: 'Gara', surname: 'B' }),
        await customer({ name: 'Gara', surname: 'C', email: `gara.c${round}@example.it` }),
        await customer({ name: 'Gara', surname: 'D' }),
      ];
      const both = await Promise.all([merge({ source: a, target: b }), merge({ source: b, target: a })]);
      assert.deepEqual(both.map((r) => r.status).sort(), [200, 404], JSON.stringify(both.map((r) => r.body)));
      const raced = await Promise.all([erase(c), merge({ source: c, target: d })]);
      assert.deepEqual(
        raced.map((r) => r.status).sort(),
        [200, 404],
        JSON.stringify(raced.map((r) => r.body)),
      );
      // Erased first, the merge found no one; merged first, the person is the target's now.
      const kept = await admin.call('GET', '/tenants/{tenant}/customers/{id}', {
        params: { tenant: hotel.id, id: d },
      });
      assert.equal(kept.body.email, raced[0]!.status === 200 ? null : `gara.c${round}@example.it`);
    }
  });

  it("refuses to merge an erased person's anonymous customer, either way (409), writing nothing", async () => {
    const guest = await customer({ name: 'Dimenticata', surname: 'Ospite' });
    const other = await customer({ name: 'Vivo', surname: 'Cliente', phone: '+39 347 0001112' });
    const erased = await admin.call('DELETE', '/tenants/{tenant}/customers/{id}', {
      params: { tenant: hotel.id, id: guest },
      query: { erase: 'true' },
    });
    const standIn = erased.body.replaced_by as number;
    for (const body of [
      { source: other, target: standIn, dry_run: true },
      { source: other, target: standIn },
      { source: standIn, target: other },
    ]) {
      const r = await merge(body);
      assert.equal(r.status, 409, JSON.stringify(body));
      assert.match(r.body.detail, new RegExp(`customer ${standIn} stands in for an erased customer`));
    }
    const kept = await admin.call('GET', '/tenants/{tenant}/customers/{id}', {
      params: { tenant: hotel.id, id: standIn },
    });
    assert.equal(kept.body.phone, null);
    assert.equal((await zak('customers/fetch_one', { id: String(other) })).status, 200);
    const cli = await mergeByCli(other, standIn);
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, /stands in for an erased customer/);
  });

  it('lists a shared phone by its E.164 form, whichever spelling each customer has', async () => {
    const a = await customer({ name: 'Lia', surname: 'Neri', phone: '+39 347 123 4567' });
    const b = await customer({ name: 'Lia', surname: 'Bianchi', phone: '0039 (347) 1234567' });
    const r = await admin.call('GET', '/tenants/{tenant}/customers/duplicates', {
      params: { tenant: hotel.id },
    });
    assert.equal(r.status, 200);
    const phones = r.body.items.filter((g: { reason: string }) => g.reason === 'phone');
    assert.deepEqual(phones, [{ reason: 'phone', value: '+393471234567', customers: [a, b] }]);
  });
});
