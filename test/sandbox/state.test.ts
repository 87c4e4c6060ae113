import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { kindOf } from '../../src/store/db.ts';
import { STATE_TABLES } from '../../src/store/tenant-state.ts';
import { countRows, type TestTenant } from '../helper.ts';
import { validCustomer } from '../dialects/netstorming/helper.ts';
import { startSandbox, stay, type Sandboxed } from './support.ts';

const REFS = STATE_TABLES.flatMap((st) =>
  Object.entries(st.refs).map(([column, parent]) => ({ table: st.name, column, parent })),
);

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
    // SQLite took these, and every read of the customer was a 500 from then on.
    const fraction = structuredClone(good);
    fraction.tables.customers[0].send_sms = 0.5;
    const numberForText = structuredClone(good);
    numberForText.tables.customers[0].name = 5;
    const tagsNotJson = structuredClone(good);
    tagsNotJson.tables.rooms[0].tags = 'sea view';
    const tagsNotTexts = structuredClone(good);
    tagsNotTexts.tables.rooms[0].tags = '[1, {"a": 2}]';
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
      notBoolean,
      fraction,
      numberForText,
      tagsNotJson,
      tagsNotTexts,
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

  it("knows every foreign key of the tenant's tables (ids alone: the database takes another tenant's)", async () => {
    const db = s.server.db;
    const found =
      kindOf(db) === 'postgres'
        ? (
            await sql<{ table: string; column: string; parent: string }>`
              select c.conrelid::regclass::text as "table", a.attname as "column", c.confrelid::regclass::text as parent
              from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
              where c.contype = 'f'`.execute(db)
          ).rows
        : (
            await sql<{ table: string; column: string; parent: string }>`
              select m.name as "table", f."from" as "column", f."table" as parent
              from sqlite_master m join pragma_foreign_key_list(m.name) f where m.type = 'table'`.execute(db)
          ).rows;
    const names = new Set(STATE_TABLES.map((st) => st.name));
    const key = (r: { table: string; column: string; parent: string }) =>
      `${r.table}.${r.column} → ${r.parent}`;
    assert.deepEqual(
      found
        .filter((r) => names.has(r.table) && r.parent !== 'tenants')
        .map(key)
        .sort(),
      REFS.map(key).sort(),
    );
  });

  it("refuses a row naming a row of another tenant (a booker, a guest, a card's holder…)", async () => {
    // A row in every table that names another: two customers (one with a group, a document, a card of a type),
    // an agency with its user, a stay with its room, nights, guest, meal, extra, note and payment.
    const seed = async (t: TestTenant, n: number) => {
      const external = `EXT-${n}`;
      const made = await s.virtpos(t, 'update', {
        create_if_not_exist: '1',
        external_id: external,
        fname: 'Ivan',
        lname: `Seed${n}`,
        group_name: 'VIP',
      });
      assert.equal(made.body.success, 1, made.text);
      const card = await s.virtpos(t, 'insertCard', {
        uid: `77${n}`,
        customer_external_id: external,
        type_name: 'Gold',
      });
      assert.equal(card.body.success, 1, card.text);
      const doc = await s.zak(t, 'customers/upload_docdata', {
        id: String(made.body.id),
        docdata: {
          doc_type: 'p',
          doc_country: 'Italy',
          doc_number: `P${n}`,
          doc_issue: '01/01/2020',
          doc_expiry: '01/01/2030',
        },
      });
      assert.equal(doc.status, 200, doc.text);
      assert.equal((await s.netstorming(t, 'insert', { customers: [validCustomer(100 + n)] })).status, 200);
      const booked = await s.zak<Data>(t, 'reservations/new', stay('10/05/2031', '12/05/2031', `Guest${n}`));
      assert.equal(booked.status, 200, booked.text);
      const rsrvid = String(booked.body.data.rsrvid);
      const day = '11/05/2031';
      await s.zak(t, 'reservations/add_meal', {
        rsrvid,
        meal: { price: 20, mtype: 'l', mnumber: 1, times: 1, day },
      });
      await s.zak(t, 'reservations/add_extra', {
        rsrvid,
        extra: { price: 5, name: 'Bike', number: 1, daily: 'false', day, vat_rate: 22, currency: 'EUR' },
      });
      for (const path of [
        `notes/create_note?rcode=${rsrvid}&new_note=Late`,
        `payments/do_payment?rcode=${rsrvid}&pay_type=cash&value=5`,
      ]) {
        const r = await fetch(`${s.server.base}/kapi/${path}`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`${t.key}:`).toString('base64')}` },
        });
        assert.equal(r.status, 200, await r.text());
      }
    };
    await seed(s.a, 1);
    await seed(s.b, 2);
    const good = JSON.parse(await snapshotText(s.a.id));
    const theirs = JSON.parse(await snapshotText(s.b.id));
    for (const { table, column, parent } of REFS) {
      const row = good.tables[table].find((r: Record<string, unknown>) => r[column] !== null);
      assert.ok(row, `the seed left no row of ${table} with a ${column}`);
      const foreign = theirs.tables[parent][0].id;
      const doc = structuredClone(good);
      doc.tables[table][good.tables[table].indexOf(row)][column] = foreign;
      const r = await restore(s.a.id, doc);
      assert.equal(r.status, 400, `${table}.${column} = ${parent} ${foreign}: ${JSON.stringify(r.body)}`);
      assert.deepEqual(r.body.errors, [
        {
          field: `tables.${table}`,
          message: `${table}.${column} names ${parent} ${foreign}, which is not a row of the snapshot`,
        },
      ]);
    }
    assert.deepEqual({ ...JSON.parse(await snapshotText(s.a.id)), taken_at: 0 }, { ...good, taken_at: 0 });
    // What a restore that took one did to B: its booker, named by A's reservation, could not be erased (a 500).
    const erased = await s.admin.call('DELETE', '/tenants/{tenant}/customers/{id}', {
      params: { tenant: s.b.id, id: theirs.tables.reservations[0].booker },
      query: { erase: 'true' },
    });
    assert.equal(erased.status, 200, JSON.stringify(erased.body));
  });

  it("refuses a document that does not open here: another tenant's, another store's key, a wrong blind index", async () => {
    const docOf = async (t: TestTenant, number: string) => {
      const made = await s.zak<Data<number>>(t, 'customers/add_one', {
        custdata: { name: 'Doc', surname: number },
      });
      const saved = await s.zak(t, 'customers/upload_docdata', {
        id: String(made.body.data),
        docdata: {
          doc_type: 'p',
          doc_country: 'IT',
          doc_number: number,
          doc_issue: '01/01/2020',
          doc_expiry: '01/01/2030',
        },
      });
      assert.equal(saved.status, 200, saved.text);
      return made.body.data;
    };
    const customer = await docOf(s.a, 'DOCA1');
    await docOf(s.b, 'DOCB1');
    const good = JSON.parse(await snapshotText(s.a.id));
    const theirs = JSON.parse(await snapshotText(s.b.id));
    const mineDoc = good.tables.customer_documents.find(
      (d: { customer_id: number }) => d.customer_id === customer,
    );
    const theirDoc = theirs.tables.customer_documents.at(-1);
    const withDoc = (doc: Record<string, unknown>) => {
      const copy = structuredClone(good);
      copy.tables.customer_documents.push({ ...doc, id: 900_000, tenant_id: s.a.id, customer_id: customer });
      return copy;
    };
    const changed = (fields: Record<string, unknown>) => {
      const copy = structuredClone(good);
      Object.assign(
        copy.tables.customer_documents.find((d: { id: number }) => d.id === mineDoc.id),
        fields,
      );
      return copy;
    };
    const cases: Array<[string, unknown]> = [
      ["sealed for tenant B (the same key: a snapshot of another tenant's rows)", withDoc(theirDoc)],
      ['under a key this store does not hold', changed({ data_key_id: 99 })],
      ["another number's blind index", changed({ doc_number: theirDoc.doc_number })],
      ['not sealed', changed({ data_key_id: null, doc_number_enc: null, doc_number: 'DOCA1' })],
      ['a ciphertext cut short', changed({ doc_number_enc: mineDoc.doc_number_enc.slice(0, 20) })],
    ];
    for (const [what, doc] of cases) {
      const r = await restore(s.a.id, doc);
      assert.equal(r.status, 400, `${what}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.errors[0].field, 'tables.customer_documents', what);
      assert.match(r.body.detail, /a snapshot restores into the store it was taken from/, what);
    }
    // Nothing changed, and the customer reads (one such row made every read of them a 500).
    assert.deepEqual({ ...JSON.parse(await snapshotText(s.a.id)), taken_at: 0 }, { ...good, taken_at: 0 });
    const read = await s.zak(s.a, 'customers/fetch_one', { id: String(customer) });
    assert.equal(read.status, 200, read.text);
    assert.equal((await restore(s.a.id, good)).status, 200);
  });
});
