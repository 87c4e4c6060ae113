import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSandbox, stay, type Sandboxed } from './support.ts';

type Data<T = any> = { data: T };

describe('sandbox clock /admin/v1/tenants/{t}/clock', () => {
  let s: Sandboxed;
  const setClock = (tenant: number, body: unknown) =>
    s.admin.call('PUT', '/tenants/{tenant}/clock', { params: { tenant }, body: JSON.stringify(body) });
  const getClock = async (tenant: number) =>
    (await s.admin.call('GET', '/tenants/{tenant}/clock', { params: { tenant } })).body;
  const today = async (tenant: typeof s.a) =>
    (await s.zak<Data>(tenant, 'reservations/fetch_today_reservations')).body.data.reservations as Array<{
      id: number;
    }>;

  before(async () => {
    s = await startSandbox();
  });
  after(() => s.close());

  it("pins today for tenant A only: today's reservations, created, check-in times, customer creation", async () => {
    const r = await setClock(s.a.id, { today: '2030-03-11' });
    assert.equal(r.status, 200);
    assert.equal(r.body.today, '2030-03-11');
    assert.equal(r.body.tenant_today, '2030-03-11');
    assert.match(r.body.now, /^2030-03-11T/);

    const a = await s.zak<Data>(s.a, 'reservations/new', stay('10/03/2030', '12/03/2030'));
    const b = await s.zak<Data>(s.b, 'reservations/new', stay('10/03/2030', '12/03/2030'));
    assert.equal(a.status, 200, a.text);
    assert.deepEqual(
      (await today(s.a)).map((x) => x.id),
      [a.body.data.rsrvid],
    );
    assert.deepEqual(await today(s.b), []);

    const oneA = await s.zak<Data>(s.a, 'reservations/fetch_one_reservation', {
      id: String(a.body.data.rsrvid),
    });
    const oneB = await s.zak<Data>(s.b, 'reservations/fetch_one_reservation', {
      id: String(b.body.data.rsrvid),
    });
    assert.match(oneA.body.data.created, /2030|11\/03/);
    assert.doesNotMatch(oneB.body.data.created, /2030/);

    const checkin = await s.zak(s.a, 'reservations/do_checkin', {
      reservation_id: String(a.body.data.rsrvid),
      all: 'true',
    });
    assert.equal(checkin.status, 200, checkin.text);
    const guests = (
      await s.zak<Data>(s.a, 'reservations/fetch_one_reservation', { id: String(a.body.data.rsrvid) })
    ).body.data.rooms[0].customers;
    assert.match(guests[0].checkin, /^11\/03\/2030 /);

    const booker = oneA.body.data.booker;
    const customer = await s.zak<Data>(s.a, 'customers/fetch_one', { id: String(booker) });
    assert.equal(customer.body.data.main_info.creation, '11/03/2030');
    const other = await s.zak<Data>(s.b, 'customers/fetch_one', { id: String(oneB.body.data.booker) });
    assert.notEqual(other.body.data.main_info.creation, '11/03/2030');
  });

  it('shifts by offset_days, and follows the real clock again with null', async () => {
    const r = await setClock(s.a.id, { offset_days: 3 });
    assert.equal(r.status, 200);
    const expected = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(
      new Date(Date.now() + 3 * 86_400_000),
    );
    assert.equal(r.body.tenant_today, expected);
    assert.equal(r.body.offset_days, 3);
    const back = await setClock(s.a.id, null);
    assert.equal(back.status, 200);
    assert.equal(back.body.real, true);
    assert.deepEqual(await today(s.a), []);
    assert.equal((await getClock(s.b.id)).real, true);
    // DELETE does the same, also from a client that sends a JSON content type with no body.
    await setClock(s.a.id, { offset_days: 3 });
    const deleted = await s.admin.call('DELETE', '/tenants/{tenant}/clock', {
      params: { tenant: s.a.id },
      body: '',
    });
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body.real, true);
  });

  it('applies at once to the next request of the node that took it', async () => {
    await s.zak(s.a, 'reservations/new', stay('01/06/2031', '03/06/2031', 'Giugno'));
    // The key's scope is remembered for a second: the change must not wait for it.
    assert.deepEqual(await today(s.a), []);
    await setClock(s.a.id, { today: '2031-06-02' });
    assert.equal((await today(s.a)).length, 1);
    await setClock(s.a.id, null);
    assert.deepEqual(await today(s.a), []);
  });

  it('refuses an impossible clock with a 400 problem and changes nothing', async () => {
    await setClock(s.a.id, { today: '2030-01-20' });
    for (const bad of [
      { today: '2030-02-30' },
      { today: '20/01/2030' },
      { today: 20300120 },
      { offset_days: 1.5 },
      { offset_days: 1e9 },
      // Not coerced: null was read as 0 and "3" as 3.
      { offset_days: null },
      { offset_days: '3' },
      { today: null },
      { today: '2030-01-21', offset_days: 1 },
      {},
      [],
      'tomorrow',
    ]) {
      const r = await setClock(s.a.id, bad);
      assert.equal(r.status, 400, JSON.stringify(bad));
      assert.equal(r.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    }
    assert.equal((await getClock(s.a.id)).today, '2030-01-20');
    assert.equal((await setClock(999_999, { today: '2030-01-20' })).status, 404);
    await setClock(s.a.id, null);
  });
});
