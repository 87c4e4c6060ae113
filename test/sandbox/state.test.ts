import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countRows } from '../helper.ts';
import { validCustomer } from '../dialects/netstorming/helper.ts';
import { startSandbox, stay, type Sandboxed } from './support.ts';

type Data<T = any> = { data: T };

describe('reset, snapshot and restore of a tenant', () => {
  let s: Sandboxed;
  const snapshotText = async (tenant: number) => {
    const r = await fetch(`${s.server.base}/admin/v1/tenants/${tenant}/snapshot`, {
      headers: { authorization: `Bearer ${s.token}` },
    });
    assert.equal(r.status, 200);
    return r.text();
  };
  const restore = (tenant: number, body: unknown) =>
    s.admin.call('PUT', '/tenants/{tenant}/snapshot', {
      params: { tenant },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  /** Every read call's reply text, for the byte-for-byte comparison. */
  const reads = async (ids: { reservation: number; customer: number }) => {
    const texts = [];
    for (const [path, fields] of [
      ['reservations/fetch_one_reservation', { id: String(ids.reservation) }],
      ['reservations/fetch_reservations', {}],
      ['customers/fetch_one', { id: String(ids.customer) }],
      ['property/fetch_rooms', {}],
      ['reservations/get_meals', { reservation_id: String(ids.reservation) }],
    ] as const)
      texts.push((await s.zak(s.a, path, fields)).text);
    texts.push((await s.virtpos(s.a, '')).text);
    texts.push((await s.virtpos(s.a, '', { format: 'xml' })).text);
    const admin = await s.admin.call('GET', '/tenants/{tenant}/customers', { params: { tenant: s.a.id } });
    texts.push(JSON.stringify(admin.body));
    return texts;
  };

  before(async () => {
    s = await startSandbox();
  });
  after(() => s.close());

  it('restores a snapshot exactly: every read call answers byte for byte as before', async () => {
    const booked = await s.zak<Data>(s.a, 'reservations/new', stay('10/03/2030', '12/03/2030'));
    await s.zak(s.a, 'reservations/do_checkin', {
      reservation_id: String(booked.body.data.rsrvid),
      all: 'true',
    });
    await s.netstorming(s.a, 'insert', { customers: [validCustomer(1)] });
    const one = await s.zak<Data>(s.a, 'reservations/fetch_one_reservation', {
      id: String(booked.body.data.rsrvid),
    });
    const ids = { reservation: booked.body.data.rsrvid, customer: one.body.data.booker };
    const before = await reads(ids);
    const snapshot = await snapshotText(s.a.id);
    const doc = JSON.parse(snapshot);
    assert.equal(doc.format, 'clientele-snapshot');
    assert.equal(doc.version, 1);
    assert.equal(doc.complete, true);
    assert.equal(doc.tables.reservations.length, 1);

    // Change everything, then restore.
    await s.zak(s.a, 'reservations/new', stay('20/03/2030', '22/03/2030', 'Luigi'));
    await s.zak(s.a, 'customers/update_custdata', {
      id: String(ids.customer),
      custdata: { name: 'Changed' },
    });
    assert.notDeepEqual(await reads(ids), before);
    const r = await restore(s.a.id, snapshot);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(await reads(ids), before);
    // New rows after a restore get new ids, and the next code follows the restored counter.
    const next = await s.zak<Data>(s.a, 'reservations/new', stay('01/04/2030', '02/04/2030', 'Nuovo'));
    assert.equal(next.status, 200, next.text);
    assert.equal(next.body.data.id, 'DH-0002');
  });

  it('resets customers, reservations, cards, agencies and journal, keeping keys, inventory and tenant B', async () => {
    await s.zak(s.b, 'reservations/new', stay('10/03/2030', '12/03/2030'));
    const bBefore = await snapshotText(s.b.id);
    const r = await s.admin.call('POST', '/tenants/{tenant}/reset', { params: { tenant: s.a.id } });
    assert.equal(r.status, 204);
    const doc = JSON.parse(await snapshotText(s.a.id));
    for (const table of ['customers', 'reservations', 'agencies', 'discount_cards', 'reservation_counters'])
      assert.deepEqual(doc.tables[table], [], table);
    assert.ok(doc.tables.rooms.length > 0, 'inventory kept');
    const count = await s.admin.call('GET', '/tenants/{tenant}/requests/count', {
      params: { tenant: s.a.id },
    });
    assert.equal(count.body.count, 0);
    // The key still works, and the numbering starts again.
    const again = await s.zak<Data>(s.a, 'reservations/new', stay('10/03/2030', '12/03/2030'));
    assert.equal(again.body.data.id, 'DH-0001');
    assert.equal(
      JSON.stringify({ ...JSON.parse(await snapshotText(s.b.id)), taken_at: 0 }),
      JSON.stringify({ ...JSON.parse(bBefore), taken_at: 0 }),
    );
  });

  it("answers a reset of an unknown tenant 404, dropping nothing of another tenant's journal", async () => {
    const count = async () =>
      (await s.admin.call('GET', '/tenants/{tenant}/requests/count', { params: { tenant: s.a.id } })).body
        .count;
    const before = await count();
    // Pending in A's journal, not yet written, while the reset of another id runs.
    await s.zak(s.a, 'property/fetch_rooms');
    const r = await s.admin.call('POST', '/tenants/{tenant}/reset', { params: { tenant: 999_999 } });
    assert.equal(r.status, 404);
    assert.equal(r.body.status, 404);
    assert.equal(await count(), before + 1);
  });

  it("refuses another version, another tenant's snapshot or ids, a truncated one: 400, nothing changed", async () => {
    const good = JSON.parse(await snapshotText(s.a.id));
    const other = JSON.parse(await snapshotText(s.b.id));
    const rowsBefore = await countRows(s.server.db, 'customers');
    const withRow = structuredClone(good);
    withRow.tables.customers.push({ ...other.tables.customers[0] });
    const foreignIds = structuredClone(good);
    foreignIds.tables.customers.push({ ...other.tables.customers[0], tenant_id: s.a.id });
    const badColumn = structuredClone(good);
    badColumn.tables.customers.push({ ...good.tables.customers[0], id: 999_999, colour: 'red' });
    // Values no column of the store holds: a 500 on PostgreSQL before (out of range, not a boolean).
    const bigId = structuredClone(good);
    bigId.tables.customers.push({ ...good.tables.customers[0], id: 99_999_999_999 });
    const bigParent = structuredClone(good);
    bigParent.tables.rooms[0].room_type_id = 2 ** 31;
    const notBoolean = structuredClone(good);
    notBoolean.tables.customers[0].send_sms = 'yes';
    const cases: unknown[] = [
      { ...good, version: 2 },
      { ...good, format: 'other' },
      other,
      { ...good, tenant: s.b.id },
      withRow,
      foreignIds,
      badColumn,
      bigId,
      bigParent,
      // SQLite stores any value in any column: only PostgreSQL refuses a text for a boolean.
      ...(process.env.TEST_DATABASE_URL ? [notBoolean] : []),
      { ...good, complete: undefined },
      { ...good, tables: { ...good.tables, customers: undefined } },
      JSON.stringify(good).slice(0, 200),
      '[]',
    ];
    for (const body of cases) {
      const r = await restore(s.a.id, body);
      assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${JSON.stringify(r.body)}`);
      assert.equal(r.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    }
    assert.equal(await countRows(s.server.db, 'customers'), rowsBefore);
    assert.deepEqual({ ...JSON.parse(await snapshotText(s.a.id)), taken_at: 0 }, { ...good, taken_at: 0 });
    assert.equal((await restore(999_999, good)).status, 404);
  });

  it('forgets the replies stored under Idempotency-Keys with the state a reset replaces; its own writes take a key', async () => {
    const keyed = async (name: string) => {
      const fields = Object.fromEntries(
        Object.entries(stay('05/05/2031', '06/05/2031', name)).map(([k, v]) => [k, JSON.stringify(v)]),
      );
      const r = await fetch(`${s.server.base}/kp/reservations/new`, {
        method: 'POST',
        headers: { 'x-api-key': s.a.key, 'idempotency-key': 'book-once' },
        body: new URLSearchParams(fields),
      });
      return { replayed: r.headers.get('idempotent-replayed'), body: (await r.json()) as Data };
    };
    const reset = () =>
      fetch(`${s.server.base}/admin/v1/tenants/${s.a.id}/reset`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.token}`, 'idempotency-key': 'reset-once' },
      });
    assert.equal((await reset()).status, 204);
    const first = await keyed('Keyed');
    assert.equal(first.replayed, null);
    assert.equal((await keyed('Keyed')).replayed, 'true');
    // The reset's own reply is replayed, and the reset runs anew only under another key.
    const again = await reset();
    assert.equal(again.status, 204);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.ok((await snapshotText(s.a.id)).includes('"Keyed"'), 'a replayed reset changed nothing');
    const other = await fetch(`${s.server.base}/admin/v1/tenants/${s.a.id}/reset`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}`, 'idempotency-key': 'reset-twice' },
    });
    assert.equal(other.status, 204);
    // After the reset the booking's key is free again: the same request books anew, as DH-0001.
    const after = await keyed('Keyed');
    assert.equal(after.replayed, null);
    assert.equal(after.body.data.id, first.body.data.id);
    assert.equal(after.body.data.id, 'DH-0001');
  });
});
