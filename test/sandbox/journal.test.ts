import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { JournalEntry as Entry } from '../../src/core/journal.ts';
import { validCustomer } from '../dialects/netstorming/helper.ts';
import { refuseWrites } from '../store/refuse-writes.ts';
import { startSandbox, stay, type Sandboxed } from './support.ts';

describe('request journal /admin/v1/tenants/{t}/requests', () => {
  let s: Sandboxed;
  const entries = async (tenant: number, query: Record<string, string> = {}) => {
    const r = await s.admin.call('GET', '/tenants/{tenant}/requests', { params: { tenant }, query });
    assert.equal(r.status, 200);
    return r.body.items as Entry[];
  };
  const count = async (tenant: number, query: Record<string, string> = {}) =>
    (await s.admin.call('GET', '/tenants/{tenant}/requests/count', { params: { tenant }, query })).body.count;

  before(async () => {
    s = await startSandbox();
  });
  after(() => s.close());

  it('journals each request of a tenant with its call, status, duration and bodies, newest first', async () => {
    const booked = await s.zak(s.a, 'reservations/new', stay('10/03/2030', '12/03/2030'));
    assert.equal(booked.status, 200);
    await s.zak(s.a, 'reservations/fetch_one_reservation', { id: '999999' });
    const [missing, created] = await entries(s.a.id);
    assert.equal(created!.dialect, 'zak');
    assert.equal(created!.call, 'reservations/new');
    assert.equal(created!.method, 'POST');
    assert.equal(created!.path, '/kp/reservations/new');
    assert.equal(created!.status, 200);
    assert.ok(created!.duration_ms > 0);
    assert.match(created!.request_body!, /Mario/);
    assert.equal(created!.reply_body, booked.text);
    assert.equal(missing!.call, 'reservations/fetch_one_reservation');
    assert.equal(missing!.status, 404);
    // Tenant B sees none of it.
    assert.deepEqual(await entries(s.b.id), []);
  });

  it('redacts keys, passwords and document numbers, in queries, bodies and replies', async () => {
    const customer = await s.zak(s.a, 'customers/add_one', {
      custdata: { name: 'Anna', surname: 'Bianchi' },
    });
    assert.equal(customer.status, 200, customer.text);
    const id = String((customer.body as { data: number }).data);
    const docs = await s.zak(s.a, 'customers/upload_docdata', {
      id,
      docdata: {
        doc_type: 'p',
        doc_country: 'IT',
        doc_number: 'YA1234567',
        doc_issue: '01/01/2020',
        doc_expiry: '01/01/2030',
      },
    });
    assert.equal(docs.status, 200, docs.text);
    const one = await s.zak(s.a, 'customers/fetch_one', { id });
    assert.match(one.text, /YA1234567/);
    await s.virtpos(s.a, '', { limit: '1' });
    await s.netstorming(s.a, 'insert', { customers: [validCustomer(7)] });
    const all = await entries(s.a.id, { limit: '4' });
    const text = JSON.stringify(all);
    assert.doesNotMatch(text, /YA1234567/);
    assert.doesNotMatch(text, /secret12/);
    assert.ok(!text.includes(s.a.key), 'the API key is never kept');
    assert.match(text, /\[redacted\]/);
    const listing = all.find((e) => e.dialect === 'virtpos')!;
    assert.equal(listing.call, 'customer');
    assert.match(listing.path, /apikey=\[redacted\]/);
    assert.equal(all.find((e) => e.dialect === 'netstorming')!.call, 'insert');
  });

  it('filters by call, status, since and limit, and counts as WireMock verifies', async () => {
    const since = new Date().toISOString();
    await s.zak(s.a, 'reservations/new', stay('20/03/2030', '22/03/2030', 'Luigi'));
    await s.zak(s.a, 'reservations/new', { params: { arrival: 'nope' } });
    assert.equal(await count(s.a.id, { call: 'zak:reservations/new', since }), 2);
    assert.equal(await count(s.a.id, { call: 'zak:reservations/new', status: '200', since }), 1);
    assert.equal(await count(s.a.id, { call: 'zak:reservations/new', status: '400', since }), 1);
    assert.ok((await count(s.a.id, { call: 'zak' })) >= 5);
    assert.equal(await count(s.a.id, { call: 'netstorming:insert' }), 1);
    assert.equal((await entries(s.a.id, { limit: '1' })).length, 1);
    assert.equal(await count(s.b.id, { call: 'zak:reservations/new' }), 0);
  });

  it('refuses bad filters with a 400 problem; an unknown tenant is a 404', async () => {
    for (const query of <Record<string, string>[]>[
      { since: 'yesterday' },
      { since: '2030-02-30T00:00:00Z' },
      { status: 'ok' },
      { limit: '0' },
      { limit: '1001' },
      { colour: 'red' },
    ]) {
      const r = await s.admin.call('GET', '/tenants/{tenant}/requests', {
        params: { tenant: s.a.id },
        query,
      });
      assert.equal(r.status, 400, JSON.stringify(query));
    }
    assert.equal(
      (await s.admin.call('GET', '/tenants/{tenant}/requests', { params: { tenant: 999_999 } })).status,
      404,
    );
  });

  it('cuts bodies at 16 KB', async () => {
    const long = 'x'.repeat(100_000);
    await s.zak(s.a, 'reservations/new', { params: { arrival: '10/03/2030', note: long } });
    const [entry] = await entries(s.a.id, { limit: '1' });
    assert.ok(entry!.request_body!.length < 16_500);
    assert.match(entry!.request_body!, /cut at 16384 characters/);
  });

  it('cuts replies at 4 KB', async () => {
    for (let day = 10; day < 22; day++)
      await s.zak(s.a, 'reservations/new', stay(`${day}/05/2031`, `${day + 1}/05/2031`));
    const page = await s.zak(s.a, 'reservations/fetch_reservations', { filters: { pager: { limit: 64 } } });
    assert.equal(page.status, 200);
    assert.ok(page.text.length > 8192, `a reply longer than the cut: ${page.text.length}`);
    const [entry] = await entries(s.a.id, { limit: '1' });
    assert.equal(entry!.reply_body, `${page.text.slice(0, 4096)}…[cut at 4096 characters]`);
  });

  it('cuts a reply sent as bytes at 4 KB of characters, Cyrillic ones included (a virtpos page)', async () => {
    for (let i = 0; i < 40; i++) {
      const added = await s.zak(s.a, 'customers/add_one', {
        custdata: {
          name: `Анастасия-Александра${i}`,
          surname: 'Кузнецова-Иванова-Петрова-Смирнова-Соколова-Попова-Лебедева-Козлова',
        },
      });
      assert.equal(added.status, 200, added.text);
    }
    // The second page of 20 holds only these customers: its first 4,096 characters take more bytes of UTF-8 than the
    // head the journal keeps would if it were read as one byte a character (4 KB and a 256-character margin).
    const page = await s.virtpos(s.a, '', { page: '2', page_size: '20' });
    assert.equal(page.status, 200, page.text);
    assert.ok(Buffer.byteLength(page.text.slice(0, 4096)) > 4096 + 256 + 128, page.text.slice(0, 300));
    const [entry] = await entries(s.a.id, { limit: '1' });
    assert.equal(entry!.call, 'customer');
    assert.equal(entry!.reply_body, `${page.text.slice(0, 4096)}…[cut at 4096 characters]`);
  });

  it('clears with DELETE, for that tenant only', async () => {
    await s.zak(s.b, 'property/fetch_rooms');
    assert.equal(
      (await s.admin.call('DELETE', '/tenants/{tenant}/requests', { params: { tenant: s.a.id } })).status,
      204,
    );
    assert.equal(await count(s.a.id), 0);
    assert.equal(await count(s.b.id), 1);
  });
});

describe('JOURNAL_SIZE', () => {
  it("keeps the newest N requests of each tenant; one tenant's flood never pushes out another's", async () => {
    const s = await startSandbox({ JOURNAL_SIZE: '3' });
    try {
      await s.zak(s.b, 'property/fetch_rooms');
      for (let i = 0; i < 20; i++) await s.zak(s.a, 'property/fetch_rooms');
      await s.zak(s.a, 'reservations/fetch_one_reservation', { id: '999999' });
      const r = await s.admin.call('GET', '/tenants/{tenant}/requests/count', { params: { tenant: s.a.id } });
      assert.equal(r.body.count, 3);
      const newest = await s.admin.call('GET', '/tenants/{tenant}/requests', { params: { tenant: s.a.id } });
      assert.deepEqual(
        newest.body.items.map((e: { call: string }) => e.call),
        ['reservations/fetch_one_reservation', 'property/fetch_rooms', 'property/fetch_rooms'],
      );
      const b = await s.admin.call('GET', '/tenants/{tenant}/requests/count', { params: { tenant: s.b.id } });
      assert.equal(b.body.count, 1);
    } finally {
      await s.close();
    }
  });

  it('writes a flush of more entries than one transaction takes whole, and in order', async () => {
    const s = await startSandbox({ JOURNAL_SIZE: '400' });
    try {
      // 250 entries: three of the flush's transactions of 100.
      for (let i = 0; i < 250; i++)
        await s.zak(s.a, 'reservations/fetch_one_reservation', { id: String(i + 1) });
      const r = await s.admin.call('GET', '/tenants/{tenant}/requests', {
        params: { tenant: s.a.id },
        query: { limit: '400' },
      });
      const ids = r.body.items.map((e: Entry) => Number((JSON.parse(e.request_body!) as { id: string }).id));
      assert.deepEqual(
        ids,
        Array.from({ length: 250 }, (_, i) => 250 - i),
      );
    } finally {
      await s.close();
    }
  });

  it('a reset during a flush leaves none of the entries from before it', async () => {
    const s = await startSandbox({ JOURNAL_SIZE: '400' });
    try {
      for (let i = 0; i < 250; i++) await s.zak(s.a, 'property/fetch_rooms');
      // The read flushes the 250 entries in transactions of 100, letting other requests run between them; the
      // reset arrives meanwhile and must wait for that flush, or its remaining transactions land after it.
      const read = s.admin.call('GET', '/tenants/{tenant}/requests/count', { params: { tenant: s.a.id } });
      const reset = await s.admin.call('POST', '/tenants/{tenant}/reset', { params: { tenant: s.a.id } });
      assert.equal(reset.status, 204);
      await read;
      const r = await s.admin.call('GET', '/tenants/{tenant}/requests/count', { params: { tenant: s.a.id } });
      assert.equal(r.body.count, 0);
    } finally {
      await s.close();
    }
  });

  it('closes the server when the last entries cannot be written (the store went away first)', async () => {
    const s = await startSandbox();
    await s.zak(s.a, 'property/fetch_rooms');
    // The pending entry's write now fails, as it does when the database ended the connections under a stopping node.
    await sql`ALTER TABLE request_journal RENAME TO request_journal_gone`.execute(s.server.db);
    await assert.doesNotReject(s.close());
  });

  it('0 turns the journal off', async () => {
    const s = await startSandbox({ JOURNAL_SIZE: '0' });
    try {
      await s.zak(s.a, 'property/fetch_rooms');
      const r = await s.admin.call('GET', '/tenants/{tenant}/requests/count', { params: { tenant: s.a.id } });
      assert.equal(r.body.count, 0);
    } finally {
      await s.close();
    }
  });
});

describe('the journal while the store refuses its writes', () => {
  it('keeps what a failed flush did not write (newest JOURNAL_SIZE a tenant) and writes it once the store is back', async () => {
    const s = await startSandbox({ JOURNAL_SIZE: '30' });
    const read = (i: number, tenant = s.a) =>
      s.zak(tenant, 'reservations/fetch_one_reservation', { id: String(i), pad: 'x'.repeat(500) });
    const journaled = async (tenant: number) => {
      const r = await s.admin.call('GET', '/tenants/{tenant}/requests', {
        params: { tenant },
        query: { limit: '100' },
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.items.map((e: Entry) => Number((JSON.parse(e.request_body!) as { id: string }).id));
    };
    try {
      for (let i = 101; i <= 103; i++) await read(i);
      assert.deepEqual(await journaled(s.a.id), [103, 102, 101]);
      // SQLite: the disk is full; PostgreSQL: the database turned read-only (a standby after a failover).
      await refuseWrites(s.server.store, true);
      try {
        for (let i = 1; i <= 25; i++) assert.equal((await read(i)).status, 404);
        await read(7, s.b);
        // A read through the admin API flushes first: the flush fails, and so do the timer's after it.
        const refused = await s.admin.call('GET', '/tenants/{tenant}/requests', {
          params: { tenant: s.a.id },
        });
        assert.notEqual(refused.status, 200);
        await new Promise((resolve) => setTimeout(resolve, 2500));
        for (let i = 26; i <= 40; i++) await read(i);
      } finally {
        await refuseWrites(s.server.store, false);
      }
      // The newest 30 of tenant A, in order: 25 put back by the failed flushes, then the 15 that came meanwhile.
      assert.deepEqual(
        await journaled(s.a.id),
        Array.from({ length: 30 }, (_, i) => 40 - i),
      );
      assert.deepEqual(await journaled(s.b.id), [7]);
    } finally {
      await s.close();
    }
  });
});
