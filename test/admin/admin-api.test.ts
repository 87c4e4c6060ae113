import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createAdminToken, revokeAdminToken } from '../../src/core/admin-tokens.ts';
import { importInventory, validateInventory } from '../../src/core/inventory.ts';
import { createReservation } from '../../src/core/booking.ts';
import { setDoorCodes } from '../../src/core/doors.ts';
import { addExtra } from '../../src/core/extras.ts';
import { addMeal } from '../../src/core/meals.ts';
import { addNote } from '../../src/core/notes.ts';
import { pay } from '../../src/core/payments.ts';
import { saveDocument } from '../../src/core/documents.ts';
import { readDemoInventory } from '../../src/demo-inventory.ts';
import {
  countRows,
  postJson,
  startServer,
  tenantWithKey,
  type TestServer,
  type TestTenant,
  silentLog,
} from '../helper.ts';
import { TEST_ENV, validCustomer } from '../dialects/netstorming/helper.ts';
import { adminClient, type AdminClient } from './contract.ts';
import { encodeCursor } from '../../src/admin/cursor.ts';
import { MAX_INT32 } from '../../src/core/int32.ts';
import { startSender } from '../../src/events/sender.ts';
import { until } from '../processes.ts';
import { startReceiver, WEBHOOK_ENV } from '../webhooks/support.ts';

type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: unknown[];
};

describe('admin API /admin/v1', () => {
  let server: TestServer;
  let admin: AdminClient;
  let token: string;
  let hotel: TestTenant;
  let other: TestTenant;

  before(async () => {
    server = await startServer({ ...TEST_ENV, ...WEBHOOK_ENV });
    token = (await createAdminToken(server.db, 'tests')).token;
    hotel = await tenantWithKey(server.db, 'Hotel A', 'HA');
    other = await tenantWithKey(server.db, 'Hotel B', 'HB');
    for (const t of [hotel, other]) {
      await importInventory(server.db, t.id, validateInventory(readDemoInventory()));
    }
    admin = await adminClient(server.base, token);
  });
  after(() => server.close());

  describe('the OpenAPI document', () => {
    it('is a valid OpenAPI 3.1 document with every admin route in it', async () => {
      const doc = await (await fetch(`${server.base}/openapi/admin.json`)).json();
      const api = (await SwaggerParser.validate(structuredClone(doc))) as { openapi: string };
      assert.equal(api.openapi, '3.1.0');
      for (const op of [
        'get /admin/v1/tenants',
        'post /admin/v1/tenants',
        'get /admin/v1/tenants/{tenant}/customers',
        'patch /admin/v1/tenants/{tenant}/customers/{id}',
        'post /admin/v1/tenants/{tenant}/reservations/{id}/cancel',
        'put /admin/v1/tenants/{tenant}/inventory',
      ]) {
        assert.ok(admin.operations.includes(op), op);
      }
      // The vendor dialects' routes are not part of this document.
      assert.ok(admin.operations.every((op) => op.split(' ')[1]!.startsWith('/admin/v1/')));
    });
  });

  describe('authentication', () => {
    it('refuses a missing, malformed, unknown or revoked token, and a tenant key, with a 401 problem', async () => {
      const revoked = await createAdminToken(server.db, 'old');
      // Used once first, so the token is in the short-lived cache of verified ones that revocation must clear.
      assert.equal((await admin.call('GET', '/tenants', { token: revoked.token })).status, 200);
      await revokeAdminToken(server.db, revoked.id);
      for (const bad of [null, '', 'cat_nope', hotel.key, revoked.token]) {
        const r = await admin.call<Problem>('GET', '/tenants', { token: bad });
        assert.equal(r.status, 401, String(bad));
        assert.equal(r.headers.get('content-type'), 'application/problem+json; charset=utf-8');
        assert.equal(r.headers.get('www-authenticate'), 'Bearer');
        assert.equal(r.body.title, 'Unauthorized');
      }
      const malformed = await fetch(`${server.base}/admin/v1/tenants`, {
        headers: { authorization: `Basic ${token}` },
      });
      assert.equal(malformed.status, 401);
    });

    it('answers every reply Cache-Control: no-store (a person, their export, a snapshot, errors, a replay)', async () => {
      // A browser (the console) would otherwise keep them in its disk cache: new keys, decrypted identity documents.
      const person = await admin.call('POST', '/tenants/{tenant}/customers', {
        params: { tenant: hotel.id },
        body: { name: 'Cached', surname: 'Never' },
      });
      const replies = [
        person,
        await admin.call('GET', '/tenants/{tenant}/customers/{id}/export', {
          params: { tenant: hotel.id, id: person.body.id },
        }),
        await admin.call('GET', '/tenants/{tenant}/keys', { params: { tenant: hotel.id } }),
        await admin.call('GET', '/tenants/{tenant}/snapshot', { params: { tenant: hotel.id } }),
        await admin.call('GET', '/tenants/{tenant}/customers/{id}', {
          params: { tenant: hotel.id, id: 999_999 },
        }),
        await admin.call('GET', '/tenants', { token: 'cat_nope' }),
        await admin.call('GET', '/tenants', { query: { limit: '0' } }),
        await fetch(`${server.base}/admin/v1/no-such-route`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      ];
      for (const attempt of [1, 2]) {
        const r = await fetch(`${server.base}/admin/v1/tenants/${hotel.id}/customers`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': 'no-store-key',
          },
          body: JSON.stringify({ name: 'Cached', surname: 'Twice' }),
        });
        assert.equal(r.headers.get('idempotent-replayed'), attempt === 2 ? 'true' : null);
        replies.push(r);
      }
      for (const r of replies) assert.equal(r.headers.get('cache-control'), 'no-store', String(r.status));
    });

    it('does not take an admin token as a tenant key on the vendor dialects', async () => {
      const r = await fetch(`${server.base}/kp/property/fetch_rooms`, {
        method: 'POST',
        headers: { 'x-api-key': token },
      });
      assert.equal(r.status, 401);
    });
  });

  describe('tenants and keys', () => {
    it('creates, gets and lists tenants page by page with an opaque cursor', async () => {
      const made = await admin.call('POST', '/tenants', {
        body: { name: 'Hotel C', prefix: 'hc', timezone: 'Europe/Madrid' },
      });
      assert.equal(made.status, 201);
      assert.equal(made.body.prefix, 'HC');
      assert.deepEqual(
        (await admin.call('GET', '/tenants/{tenant}', { params: { tenant: made.body.id } })).body,
        made.body,
      );
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await admin.call('GET', '/tenants', {
          query: { limit: '2', ...(cursor ? { cursor } : {}) },
        });
        assert.equal(page.status, 200);
        assert.ok(page.body.items.length <= 2);
        seen.push(...page.body.items.map((t: { id: number }) => t.id));
        cursor = page.body.next_cursor ?? undefined;
      } while (cursor);
      assert.deepEqual(seen, [hotel.id, other.id, made.body.id]);
    });

    it('refuses a bad tenant body, a tampered cursor and a limit over 500', async () => {
      const bad = await admin.call<Problem>('POST', '/tenants', { body: { prefix: 'X1', colour: 'red' } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, 'invalid_value');
      const fields = (bad.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
      assert.deepEqual(fields, ['colour', 'name']);
      const wrongPrefix = await admin.call<Problem>('POST', '/tenants', {
        body: { name: 'X', prefix: 'X1' },
      });
      assert.equal(wrongPrefix.status, 400);
      assert.deepEqual(wrongPrefix.body.errors, [{ field: 'prefix', message: 'prefix must be two letters' }]);
      const first = await admin.call('GET', '/tenants', { query: { limit: '1' } });
      const cursor = first.body.next_cursor as string;
      const tampered = `${cursor.slice(0, -1)}${cursor.endsWith('A') ? 'B' : 'A'}`;
      assert.equal((await admin.call('GET', '/tenants', { query: { cursor: tampered } })).status, 400);
      assert.equal((await admin.call('GET', '/tenants', { query: { cursor: 'abc' } })).status, 400);
      // The checksum is no secret: a well-formed cursor past the 32-bit ids is refused, not sent to the store
      // (PostgreSQL failed it as out of range for an integer column: a 500).
      for (const after of [MAX_INT32 + 1, Number.MAX_SAFE_INTEGER]) {
        for (const path of ['/tenants', '/tenants/{tenant}/customers', '/tenants/{tenant}/keys']) {
          const forged = await admin.call<Problem>('GET', path, {
            params: { tenant: hotel.id },
            query: { cursor: encodeCursor(after) },
          });
          assert.equal(forged.status, 400, `${path} after ${after}`);
          assert.deepEqual(forged.body.errors, [{ field: 'cursor', message: 'invalid cursor' }]);
        }
      }
      assert.equal((await admin.call('GET', '/tenants', { query: { limit: '501' } })).status, 400);
      assert.equal((await admin.call('GET', '/tenants', { query: { limit: '0' } })).status, 400);
      assert.equal((await admin.call('GET', '/tenants/{tenant}', { params: { tenant: 9999 } })).status, 404);
      assert.equal((await admin.call('GET', '/tenants/{tenant}', { params: { tenant: 'x' } })).status, 400);
    });

    it("creates a key shown once, lists keys without them, and revokes one; another tenant's key is missing", async () => {
      const made = await admin.call('POST', '/tenants/{tenant}/keys', { params: { tenant: hotel.id } });
      assert.equal(made.status, 201);
      assert.match(made.body.key, /^ck_/);
      const call = (key: string) =>
        fetch(`${server.base}/kp/property/fetch_rooms`, { method: 'POST', headers: { 'x-api-key': key } });
      assert.equal((await call(made.body.key)).status, 200);
      const list = await admin.call('GET', '/tenants/{tenant}/keys', { params: { tenant: hotel.id } });
      assert.deepEqual(
        list.body.items.map((k: { id: number }) => k.id),
        [hotel.keyId, made.body.id],
      );
      assert.ok(!JSON.stringify(list.body).includes(made.body.key));
      const cross = await admin.call('DELETE', '/tenants/{tenant}/keys/{id}', {
        params: { tenant: other.id, id: made.body.id },
      });
      assert.equal(cross.status, 404);
      assert.equal((await call(made.body.key)).status, 200);
      const revoked = await admin.call('DELETE', '/tenants/{tenant}/keys/{id}', {
        params: { tenant: hotel.id, id: made.body.id },
      });
      assert.equal(revoked.status, 204);
      assert.equal((await call(made.body.key)).status, 401);
    });
  });

  describe('customers', () => {
    it('creates, searches by name, e-mail, phone and document, gets with documents, and changes a customer', async () => {
      const made = await admin.call('POST', '/tenants/{tenant}/customers', {
        params: { tenant: hotel.id },
        body: {
          name: 'Ada',
          surname: 'Lovelace',
          email: 'Ada@Example.org',
          phone: '+39 347 123 4567',
          send_email: true,
        },
      });
      assert.equal(made.status, 201);
      assert.equal(made.body.send_email, true);
      assert.deepEqual(made.body.documents, []);
      const id = made.body.id as number;
      await saveDocument(server.db, { tenantId: hotel.id, keyId: 0 }, id, {
        doc_type: 'p',
        doc_country: 'IT',
        doc_number: 'YA1234567',
        doc_issue: '2020-01-01',
        doc_expiry: '2030-01-01',
      });
      await admin.call('POST', '/tenants/{tenant}/customers', {
        params: { tenant: hotel.id },
        body: { name: 'Charles', surname: 'Babbage' },
      });
      const ivanov = await admin.call('POST', '/tenants/{tenant}/customers', {
        params: { tenant: hotel.id },
        body: { name: 'Пётр', surname: 'Иванов' },
      });
      const search = async (q: string, tenant = hotel.id) =>
        (
          await admin.call('GET', '/tenants/{tenant}/customers', { params: { tenant }, query: { q } })
        ).body.items.map((c: { id: number }) => c.id);
      for (const q of [
        'love',
        'LOVELACE',
        'ada',
        'ada@example.org',
        '+39 347 1234567',
        '+39-347-123-4567',
        'YA1234567',
      ]) {
        assert.deepEqual(await search(q), [id], q);
      }
      assert.deepEqual(await search('nobody'), []);
      // Any case, in any script: the keys are lower-cased with Unicode rules on both stores.
      for (const q of ['иванов', 'ИВАН', 'пёт']) assert.deepEqual(await search(q), [ivanov.body.id], q);
      // Another tenant's customers are not found, by search or by id.
      assert.deepEqual(await search('love', other.id), []);
      const cross = await admin.call('GET', '/tenants/{tenant}/customers/{id}', {
        params: { tenant: other.id, id },
      });
      assert.equal(cross.status, 404);
      const got = await admin.call('GET', '/tenants/{tenant}/customers/{id}', {
        params: { tenant: hotel.id, id },
      });
      assert.equal(got.body.documents[0].doc_number, 'YA1234567');
      const changed = await admin.call('PATCH', '/tenants/{tenant}/customers/{id}', {
        params: { tenant: hotel.id, id },
        body: { city: 'London', email: null },
      });
      assert.equal(changed.status, 200);
      assert.equal(changed.body.city, 'London');
      assert.equal(changed.body.email, null);
      // A data subject's requests (test/dialects/erasure.test.ts has the whole story).
      const exported = await admin.call('GET', '/tenants/{tenant}/customers/{id}/export', {
        params: { tenant: hotel.id, id },
      });
      assert.equal(exported.body.customer.documents[0].doc_number, 'YA1234567');
      const charles = (await search('babbage'))[0] as number;
      const erased = await admin.call('DELETE', '/tenants/{tenant}/customers/{id}', {
        params: { tenant: hotel.id, id: charles },
        query: { erase: 'true' },
      });
      assert.equal(erased.body.erased, charles);
      assert.deepEqual(await search('babbage'), []);
      // Duplicates and merge (test/dialects/merge.test.ts has the whole story).
      const dups = await admin.call('GET', '/tenants/{tenant}/customers/duplicates', {
        params: { tenant: hotel.id },
      });
      assert.equal(dups.status, 200);
      const dry = await admin.call('POST', '/tenants/{tenant}/customers/merge', {
        params: { tenant: hotel.id },
        body: { source: ivanov.body.id, target: id, dry_run: true },
      });
      assert.equal(dry.body.dry_run, true);
    });

    it('refuses bad customer bodies with per-field errors and writes nothing', async () => {
      const before = await countRows(server.db, 'customers');
      const bad = await admin.call<Problem>('POST', '/tenants/{tenant}/customers', {
        params: { tenant: hotel.id },
        body: { name: 'X', gender: 'q', surname: 'Y' },
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.errors, [{ field: 'gender', message: 'invalid value: gender (m, f or x)' }]);
      const shape = await admin.call<Problem>('POST', '/tenants/{tenant}/customers', {
        params: { tenant: hotel.id },
        body: { name: { first: 'X' }, nickname: 'x' },
      });
      assert.equal(shape.status, 400);
      assert.deepEqual((shape.body.errors as Array<{ field: string }>).map((e) => e.field).sort(), [
        'name',
        'nickname',
        'surname',
      ]);
      assert.equal(
        (await admin.call('POST', '/tenants/{tenant}/customers', { params: { tenant: hotel.id }, body: '{' }))
          .status,
        400,
      );
      const empty = await admin.call('PATCH', '/tenants/{tenant}/customers/{id}', {
        params: { tenant: hotel.id, id: 1 },
        body: {},
      });
      assert.equal(empty.status, 400);
      // A body's values are taken as sent: a number is not a surname, nor null or "true" a yes or no.
      const typed = await admin.call<Problem>('POST', '/tenants/{tenant}/customers', {
        params: { tenant: hotel.id },
        body: { name: 'X', surname: 5, send_email: null, send_sms: 'true' },
      });
      assert.equal(typed.status, 400);
      assert.deepEqual((typed.body.errors as Array<{ field: string }>).map((e) => e.field).sort(), [
        'send_email',
        'send_sms',
        'surname',
      ]);
      // A JSON content type with no body is a request without one: the schema's words, not "could not be read".
      const none = await admin.call<Problem>('POST', '/tenants/{tenant}/customers', {
        params: { tenant: hotel.id },
        body: '',
      });
      assert.equal(none.status, 400);
      assert.deepEqual(none.body.errors, [{ field: 'body', message: 'must be object' }]);
      assert.equal(await countRows(server.db, 'customers'), before);
    });

    it('refuses fields on a write that takes none, by name, and writes nothing', async () => {
      const keys = await countRows(server.db, 'api_keys');
      const named = await admin.call<Problem>('POST', '/tenants/{tenant}/keys', {
        params: { tenant: hotel.id },
        body: { name: 'till 3' },
      });
      assert.equal(named.status, 400);
      assert.deepEqual(named.body.errors, [{ field: 'name', message: 'unknown field' }]);
      const listed = await admin.call<Problem>('POST', '/tenants/{tenant}/keys', {
        params: { tenant: hotel.id },
        body: ['till 3'],
      });
      assert.deepEqual(listed.body.errors, [{ field: 'body', message: 'this call takes no body' }]);
      const reset = await admin.call<Problem>('POST', '/tenants/{tenant}/reset', {
        params: { tenant: hotel.id },
        body: { keep: 'customers' },
      });
      assert.equal(reset.status, 400);
      assert.deepEqual(reset.body.errors, [{ field: 'keep', message: 'unknown field' }]);
      assert.equal(await countRows(server.db, 'api_keys'), keys);
      // No body, an empty object and null are a request without fields.
      for (const body of [undefined, {}, 'null', ''])
        assert.equal(
          (await admin.call('POST', '/tenants/{tenant}/keys', { params: { tenant: hotel.id }, body })).status,
          201,
        );
      assert.equal(await countRows(server.db, 'api_keys'), keys + 4);
    });
  });

  describe('reservations', () => {
    it('lists by arrival range page by page, gets one, checks in and out, and cancels', async () => {
      const scope = { tenantId: hotel.id, keyId: hotel.keyId };
      const booked: number[] = [];
      for (const [i, room] of [1, 2, 3].entries()) {
        const r = await createReservation(server.db, scope, {
          arrival: `2031-03-0${i + 1}`,
          departure: `2031-03-0${i + 3}`,
          customer: { name: 'Guest', surname: `N${i}` },
          rooms: [{ roomId: room, priceCents: 10_050 }],
        });
        booked.push(r.id);
      }
      const list = (query: Record<string, string>) =>
        admin.call('GET', '/tenants/{tenant}/reservations', { params: { tenant: hotel.id }, query });
      const first = await list({ arrival_from: '2031-03-01', arrival_to: '2031-03-02', limit: '1' });
      assert.equal(first.status, 200);
      assert.deepEqual(
        first.body.items.map((r: { id: number }) => r.id),
        [booked[0]],
      );
      const second = await list({
        arrival_from: '2031-03-01',
        arrival_to: '2031-03-02',
        limit: '1',
        cursor: first.body.next_cursor,
      });
      assert.deepEqual(
        second.body.items.map((r: { id: number }) => r.id),
        [booked[1]],
      );
      assert.equal(second.body.next_cursor, null);
      // An inverted range is named by this API's parameters, not the core's filter (`arrival`).
      const inverted = await list({ arrival_from: '2031-03-05', arrival_to: '2031-03-01' });
      assert.equal(inverted.status, 400);
      assert.deepEqual(inverted.body.errors, [
        { field: 'arrival_from', message: 'invalid parameter: arrival_from is after arrival_to' },
      ]);
      // One end alone is open on the other side, to the first and last days a date can name.
      for (const query of [{ arrival_to: '0000-01-13' }, { departure_from: '9999-12-31' }] as Array<
        Record<string, string>
      >) {
        const open = await list(query);
        assert.equal(open.status, 200);
        assert.deepEqual(open.body.items, []);
      }
      assert.equal((await list({ arrival_from: 'March' })).status, 400);
      const cancelledOnly = await list({ status: 'Cancelled' });
      assert.deepEqual(cancelledOnly.body.items, []);
      assert.equal((await list({ status: 'Gone' })).status, 400);
      // Another tenant sees none of them.
      const theirs = await admin.call('GET', '/tenants/{tenant}/reservations', {
        params: { tenant: other.id },
      });
      assert.deepEqual(theirs.body.items, []);

      const id = booked[0]!;
      const one = await admin.call('GET', '/tenants/{tenant}/reservations/{id}', {
        params: { tenant: hotel.id, id },
      });
      assert.equal(one.body.arrival, '2031-03-01');
      assert.equal(one.body.departure, '2031-03-03');
      assert.equal(one.body.rooms[0].price, 100.5);
      const act = (path: string, tenant = hotel.id) =>
        admin.call('POST', `/tenants/{tenant}/reservations/{id}/${path}`, { params: { tenant, id } });
      assert.equal((await act('check-in', other.id)).status, 404);
      const inn = await act('check-in');
      assert.equal(inn.status, 200);
      assert.ok(inn.body.rooms[0].guests[0].checkin);
      assert.equal((await act('check-in')).status, 409);
      assert.ok((await act('check-out')).body.rooms[0].guests[0].checkout);
      const cancelled = await act('cancel');
      assert.equal(cancelled.body.status, 'Cancelled');
      const listed = await list({ status: 'Cancelled', arrival_from: '2031-03-01' });
      assert.deepEqual(
        listed.body.items.map((r: { id: number }) => r.id),
        [id],
      );
      const confirmed = await list({
        status: 'Confirmed',
        arrival_from: '2031-03-01',
        arrival_to: '2031-03-31',
      });
      assert.deepEqual(
        confirmed.body.items.map((r: { id: number }) => r.id),
        booked.slice(1),
      );
      assert.equal((await act('cancel')).status, 409);
    });

    it("gets a reservation with its meals, extras, payments, notes and door codes, and none of another tenant's", async () => {
      const scope = { tenantId: hotel.id, keyId: hotel.keyId, country: 'RU' };
      const r = await createReservation(server.db, scope, {
        arrival: '2031-05-01',
        departure: '2031-05-03',
        customer: { name: 'Full', surname: 'Details' },
        rooms: [{ roomId: 4, priceCents: 20_000 }],
      });
      const get = (tenant = hotel.id) =>
        admin.call('GET', '/tenants/{tenant}/reservations/{id}', { params: { tenant, id: r.id } });
      const bare = await get();
      assert.equal(bare.status, 200);
      assert.deepEqual(
        [bare.body.meals, bare.body.extras, bare.body.payments, bare.body.notes],
        [[], [], [], []],
      );
      assert.equal(bare.body.rooms[0].door_code, null);

      const meal = await addMeal(server.db, scope, r.id, {
        priceCents: 3_000,
        mtype: 'd',
        mnumber: 2,
        times: 1,
        day: '2031-05-01',
      });
      const extra = await addExtra(server.db, scope, r.id, {
        name: 'Parking <b>"П"</b>',
        number: 1,
        daily: false,
        day: '2031-05-02',
        priceCents: 1_550,
      });
      await pay(server.db, scope, { id: r.id }, { value: '120.25', pay_type: 'card', remarks: 'deposit' });
      const note = await addNote(server.db, scope, { id: r.id }, 'Late arrival, <i>ёлка</i>');
      const roomId = bare.body.rooms[0].id;
      await setDoorCodes(server.db, scope, { id: r.id }, [{ reservationRoomId: roomId, code: '4711#' }]);

      const full = await get();
      assert.equal(full.status, 200);
      assert.equal(full.body.rooms[0].door_code, '4711#');
      assert.deepEqual(
        full.body.meals.map(({ created_on: _c, ...m }: Record<string, unknown>) => m),
        [
          {
            id: meal,
            day: '2031-05-01',
            meal: 'dinner',
            people: 2,
            times: 1,
            total: 30,
            vat: 2.73,
            vat_rate: 10,
          },
        ],
      );
      assert.equal(full.body.extras.length, 1);
      assert.equal(full.body.extras[0].name, 'Parking <b>"П"</b>');
      assert.equal(full.body.extras[0].total, 15.5);
      assert.equal(full.body.extras[0].daily, false);
      assert.equal(full.body.extras[0].day, '2031-05-02');
      assert.equal(extra, full.body.extras[0].id);
      assert.equal(full.body.payments.length, 1);
      assert.equal(full.body.payments[0].amount, 120.25);
      assert.equal(full.body.payments[0].pay_type, 'card');
      assert.equal(full.body.payments[0].remarks, 'deposit');
      assert.equal(full.body.paid, 120.25);
      assert.deepEqual(full.body.notes, [{ id: note, text: 'Late arrival, <i>ёлка</i>' }]);
      // The replies of the actions carry the same details.
      const checkedIn = await admin.call('POST', '/tenants/{tenant}/reservations/{id}/check-in', {
        params: { tenant: hotel.id, id: r.id },
      });
      assert.equal(checkedIn.status, 200);
      assert.deepEqual(checkedIn.body.notes, full.body.notes);
      assert.equal(checkedIn.body.rooms[0].door_code, '4711#');
      // Another tenant's path to it is a missing reservation.
      const theirs = await get(other.id);
      assert.equal(theirs.status, 404);
      assert.equal(theirs.body.code, 'not_found');
    });
  });

  describe('property', () => {
    it('lists rooms and room types, and reads and replaces the inventory file all or nothing', async () => {
      const rooms = await admin.call('GET', '/tenants/{tenant}/rooms', { params: { tenant: hotel.id } });
      assert.equal(rooms.body.items.length, 20);
      const types = await admin.call('GET', '/tenants/{tenant}/room-types', { params: { tenant: hotel.id } });
      assert.deepEqual(types.body.items[0], {
        id: 1,
        name: 'Double room',
        shortname: 'DBL',
        capacity: 2,
        price: 120,
      });
      const file = await admin.call('GET', '/tenants/{tenant}/inventory', { params: { tenant: hotel.id } });
      const inventory = file.body as Record<string, unknown[]>;
      assert.deepEqual(inventory, readDemoInventory());
      const bad = await admin.call<Problem>('PUT', '/tenants/{tenant}/inventory', {
        params: { tenant: hotel.id },
        body: { ...inventory, rooms: [...inventory.rooms!, { id: 99, room_type: 42, name: 'X' }] },
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.errors, [
        { field: 'rooms[20].room_type', message: 'rooms[20].room_type: unknown room type 42' },
      ]);
      const fewer = { ...inventory, extras: [] };
      const put = await admin.call('PUT', '/tenants/{tenant}/inventory', {
        params: { tenant: other.id },
        body: fewer,
      });
      assert.equal(put.status, 200);
      assert.deepEqual(put.body.extras, []);
      // The other tenant's inventory is untouched.
      assert.equal(
        (await admin.call('GET', '/tenants/{tenant}/inventory', { params: { tenant: hotel.id } })).body.extras
          .length,
        3,
      );
    });

    it('previews an inventory file: the differences, the same refusals as the import, and nothing written', async () => {
      const tenant = { tenant: hotel.id };
      const inventory = (await admin.call('GET', '/tenants/{tenant}/inventory', { params: tenant })).body;
      const preview = (body: unknown) =>
        admin.call('POST', '/tenants/{tenant}/inventory/preview', { params: tenant, body });
      const same = await preview(inventory);
      assert.equal(same.status, 200);
      assert.equal(same.body.changes, 0);
      assert.deepEqual(same.body.values, []);
      const changed = structuredClone(inventory);
      changed.vat.extras = 10;
      changed.rooms.push({ id: 99, room_type: 1, name: 'Annex <b>"Ё"</b>', tags: [] });
      changed.rooms[0].name = 'Renamed';
      changed.extras = changed.extras.slice(1);
      const diff = await preview(changed);
      assert.equal(diff.status, 200);
      assert.deepEqual(diff.body.values, [
        { key: 'vat', from: inventory.vat, to: { ...inventory.vat, extras: 10 } },
      ]);
      const section = (name: string) =>
        diff.body.sections.find((s: { section: string }) => s.section === name);
      assert.deepEqual(section('rooms'), {
        section: 'rooms',
        before: 20,
        after: 21,
        added: ['99'],
        removed: [],
        changed: [String(inventory.rooms[0].id)],
      });
      assert.deepEqual(section('extras').removed, [String(inventory.extras[0].id)]);
      assert.equal(diff.body.changes, 4);
      // Nothing was written.
      assert.deepEqual(
        (await admin.call('GET', '/tenants/{tenant}/inventory', { params: tenant })).body,
        inventory,
      );
      // A bad file: the import's own 400, naming the field.
      const bad = await preview({ ...inventory, rooms: [{ id: 1, room_type: 42, name: 'X' }] });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errors[0].field, 'rooms[0].room_type');
      // A room with reservations cannot go: 409, as the import would answer.
      const booked = await createReservation(
        server.db,
        { tenantId: hotel.id, keyId: hotel.keyId },
        {
          arrival: '2032-05-01',
          departure: '2032-05-03',
          customer: { name: 'Guest', surname: 'Preview' },
          rooms: [{ roomId: inventory.rooms[0].id, priceCents: 10_000 }],
        },
      );
      assert.ok(booked.id);
      const refused = await preview({ ...inventory, rooms: inventory.rooms.slice(1) });
      assert.equal(refused.status, 409);
      // Another tenant's id is a missing one.
      const missing = await admin.call('POST', '/tenants/{tenant}/inventory/preview', {
        params: { tenant: 999_999 },
        body: inventory,
      });
      assert.equal(missing.status, 404);
    });
  });

  describe('cards', () => {
    it('creates, lists, gets, changes and deletes a card; keys stay unique; another tenant sees none', async () => {
      const customer = await admin.call('POST', '/tenants/{tenant}/customers', {
        params: { tenant: hotel.id },
        body: { name: 'Card', surname: 'Holder' },
      });
      const made = await admin.call('POST', '/tenants/{tenant}/cards', {
        params: { tenant: hotel.id },
        body: { uid: '2000000000008', barcode: 'B-1', customer_id: customer.body.id },
      });
      assert.equal(made.status, 201);
      assert.equal(made.body.customer, customer.body.id);
      assert.equal(made.body.status, 'NEW');
      const id = made.body.id as number;
      const again = await admin.call<Problem>('POST', '/tenants/{tenant}/cards', {
        params: { tenant: hotel.id },
        body: { uid: '2000000000015', barcode: 'B-1' },
      });
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'card_barcode_taken');
      const list = await admin.call('GET', '/tenants/{tenant}/cards', { params: { tenant: hotel.id } });
      assert.deepEqual(
        list.body.items.map((c: { id: number }) => c.id),
        [id],
      );
      const theirs = await admin.call('GET', '/tenants/{tenant}/cards', { params: { tenant: other.id } });
      assert.deepEqual(theirs.body.items, []);
      assert.equal(
        (await admin.call('GET', '/tenants/{tenant}/cards/{id}', { params: { tenant: other.id, id } }))
          .status,
        404,
      );
      const changed = await admin.call('PATCH', '/tenants/{tenant}/cards/{id}', {
        params: { tenant: hotel.id, id },
        body: { status: 'active' },
      });
      assert.equal(changed.body.status, 'ACTIVE');
      assert.ok(changed.body.activate_date);
      const got = await admin.call('GET', '/tenants/{tenant}/cards/{id}', {
        params: { tenant: hotel.id, id },
      });
      assert.deepEqual(got.body, changed.body);
      const cross = await admin.call('DELETE', '/tenants/{tenant}/cards/{id}', {
        params: { tenant: other.id, id },
      });
      assert.equal(cross.status, 404);
      assert.equal(
        (await admin.call('DELETE', '/tenants/{tenant}/cards/{id}', { params: { tenant: hotel.id, id } }))
          .status,
        204,
      );
      assert.equal(
        (await admin.call('DELETE', '/tenants/{tenant}/cards/{id}', { params: { tenant: hotel.id, id } }))
          .status,
        404,
      );
    });

    it('refuses a customer or card type id past 32 bits as invalid (PostgreSQL failed it: a 500)', async () => {
      const card = await admin.call('POST', '/tenants/{tenant}/cards', {
        params: { tenant: hotel.id },
        body: { uid: '2000000000022' },
      });
      for (const field of ['customer_id', 'type_id']) {
        const made = await admin.call<Problem>('POST', '/tenants/{tenant}/cards', {
          params: { tenant: hotel.id },
          body: { uid: '2000000000039', [field]: MAX_INT32 + 1 },
        });
        assert.equal(made.status, 400, field);
        assert.equal((made.body.errors as Array<{ field: string }>)[0]?.field, field);
        const changed = await admin.call<Problem>('PATCH', '/tenants/{tenant}/cards/{id}', {
          params: { tenant: hotel.id, id: card.body.id },
          body: { [field]: 99_999_999_999 },
        });
        assert.equal(changed.status, 400, field);
      }
    });
  });

  describe('owners and agencies', () => {
    it('creates an owner, lists its agencies, and disables and enables one as Netstorming does', async () => {
      const owner = await admin.call('POST', '/tenants/{tenant}/owners', {
        params: { tenant: hotel.id },
        body: { code: 'tour_op', name: 'Tour Operator' },
      });
      assert.equal(owner.status, 201);
      const dup = await admin.call('POST', '/tenants/{tenant}/owners', {
        params: { tenant: hotel.id },
        body: { code: 'tour_op' },
      });
      assert.equal(dup.status, 409);
      const owners = await admin.call('GET', '/tenants/{tenant}/owners', { params: { tenant: hotel.id } });
      assert.deepEqual(
        owners.body.items.map((o: { code: string }) => o.code),
        ['tour_op'],
      );
      const inserted = await postJson(`${server.base}/api/customers/insert`, {
        key: hotel.key,
        owner_code: 'tour_op',
        customers: [validCustomer(1)],
      });
      assert.equal(inserted.status, 200, inserted.text);
      const agencies = await admin.call('GET', '/tenants/{tenant}/agencies', {
        params: { tenant: hotel.id },
        query: { owner: String(owner.body.id) },
      });
      assert.equal(agencies.body.items.length, 1);
      const agency = agencies.body.items[0];
      assert.equal(agency.enabled, true);
      assert.equal(agency.code, 'AG000001');
      const act = (path: string, tenant = hotel.id) =>
        admin.call('POST', `/tenants/{tenant}/agencies/{id}/${path}`, { params: { tenant, id: agency.id } });
      assert.equal((await act('disable', other.id)).status, 404);
      assert.equal((await act('disable')).body.enabled, false);
      const disabled = await postJson<{ errors: unknown[] }>(`${server.base}/api/customers/enable`, {
        key: hotel.key,
        owner_code: 'tour_op',
        customers: [{ code: 'AG000001' }],
      });
      assert.equal(disabled.status, 200, disabled.text);
      const got = await admin.call('GET', '/tenants/{tenant}/agencies/{id}', {
        params: { tenant: hotel.id, id: agency.id },
      });
      assert.equal(got.body.enabled, true, 'Netstorming enable is seen by the admin API');
      assert.equal((await act('disable')).body.enabled, false);
      assert.equal((await act('enable')).body.enabled, true);
      const theirs = await admin.call('GET', '/tenants/{tenant}/agencies', { params: { tenant: other.id } });
      assert.deepEqual(theirs.body.items, []);
    });

    it('creates an agency as a Netstorming insert does, refusing bad fields one by one and writing nothing', async () => {
      const owner = await admin.call('POST', '/tenants/{tenant}/owners', {
        params: { tenant: hotel.id },
        body: { code: 'maker_op', name: 'Maker' },
      });
      const create = (body: Record<string, unknown>, tenant = hotel.id) =>
        admin.call<Problem & { id: number; code: string; owner: number; enabled: boolean }>(
          'POST',
          '/tenants/{tenant}/agencies',
          { params: { tenant }, body },
        );
      const agenciesBefore = await countRows(server.db, 'agencies');
      const usersBefore = await countRows(server.db, 'agency_users');
      const bad = await create({
        owner: owner.body.id,
        ...validCustomer(2, { code: 'no', zip: 'abc', admin_user_psw: undefined }),
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      assert.deepEqual(bad.body.errors, [
        { field: 'code', message: 'invalid code' },
        { field: 'zip', message: 'invalid zip' },
        { field: 'admin_user_psw', message: 'missing admin_user_psw' },
      ]);
      // Another tenant's owner is an unknown one; an unknown field is refused by the schema.
      const foreign = await create({ owner: owner.body.id, ...validCustomer(3) }, other.id);
      assert.equal(foreign.status, 400);
      assert.deepEqual(foreign.body.errors, [{ field: 'owner', message: 'unknown owner' }]);
      assert.equal((await create({ owner: owner.body.id, ...validCustomer(3), colour: 'red' })).status, 400);
      assert.equal(await countRows(server.db, 'agencies'), agenciesBefore);
      assert.equal(await countRows(server.db, 'agency_users'), usersBefore);

      const made = await create({
        owner: owner.body.id,
        ...validCustomer(3, { name: 'Агентство <b>"3"</b>' }),
      });
      assert.equal(made.status, 201);
      assert.equal(made.body.code, 'AG000003');
      assert.equal(made.body.owner, owner.body.id);
      assert.equal(made.body.enabled, true);
      assert.equal(await countRows(server.db, 'agency_users'), usersBefore + 1);
      const again = await create({ owner: owner.body.id, ...validCustomer(3) });
      assert.equal(again.status, 409);
      assert.deepEqual(again.body.errors, [{ field: 'code', message: 'invalid code (already exists)' }]);
      // Netstorming sees it: the same code is taken there, and its disable finds it.
      const inserted = await postJson<{ errors: Array<{ errors: string[] }> }>(
        `${server.base}/api/customers/insert`,
        { key: hotel.key, owner_code: 'maker_op', customers: [validCustomer(3)] },
      );
      assert.deepEqual(inserted.body.errors[0]!.errors, ['invalid code (already exists)']);
      const disabled = await postJson<{ results: Record<string, boolean> }>(
        `${server.base}/api/customers/disable`,
        { key: hotel.key, owner_code: 'maker_op', customers: [{ code: 'AG000003' }] },
      );
      assert.deepEqual(disabled.body.results, { AG000003: true });
    });
  });

  describe('webhooks and deliveries', () => {
    it('adds a webhook (secret shown once), lists its deliveries, redelivers one, and removes it', async () => {
      const receiver = await startReceiver();
      const sender = startSender(server.db, server.config, silentLog);
      try {
        const made = await admin.call('POST', '/tenants/{tenant}/webhooks', {
          params: { tenant: hotel.id },
          body: { url: receiver.url('/hook'), format: 'clientele', events: ['customer.created'] },
        });
        assert.equal(made.status, 201);
        assert.match(made.body.secret, /^whsec_/);
        const listed = await admin.call('GET', '/tenants/{tenant}/webhooks', {
          params: { tenant: hotel.id },
        });
        assert.ok(!JSON.stringify(listed.body).includes(made.body.secret));
        assert.deepEqual(
          listed.body.items.map((w: { id: number }) => w.id),
          [made.body.id],
        );
        const bad = await admin.call<Problem>('POST', '/tenants/{tenant}/webhooks', {
          params: { tenant: hotel.id },
          body: { url: 'ftp://example.org/hook' },
        });
        assert.equal(bad.status, 400);
        await admin.call('POST', '/tenants/{tenant}/customers', {
          params: { tenant: hotel.id },
          body: { name: 'Hook', surname: 'Watcher' },
        });
        const delivered = await until('a delivered delivery', async () => {
          const r = await admin.call('GET', '/tenants/{tenant}/deliveries', {
            params: { tenant: hotel.id },
            query: { webhook: String(made.body.id), status: 'delivered' },
          });
          return r.body.items[0] as { id: number; event: string } | undefined;
        });
        assert.equal(delivered.event, 'customer.created');
        const cross = await admin.call('POST', '/tenants/{tenant}/deliveries/{id}/redeliver', {
          params: { tenant: other.id, id: delivered.id },
        });
        assert.equal(cross.status, 404);
        const again = await admin.call('POST', '/tenants/{tenant}/deliveries/{id}/redeliver', {
          params: { tenant: hotel.id, id: delivered.id },
        });
        assert.equal(again.status, 204);
        await until('the second push', () => (receiver.pushes('/hook').length >= 2 ? true : undefined));
        const theirs = await admin.call('DELETE', '/tenants/{tenant}/webhooks/{id}', {
          params: { tenant: other.id, id: made.body.id },
        });
        assert.equal(theirs.status, 404);
        const removed = await admin.call('DELETE', '/tenants/{tenant}/webhooks/{id}', {
          params: { tenant: hotel.id, id: made.body.id },
        });
        assert.equal(removed.status, 204);
      } finally {
        await sender.stop();
        await receiver.close();
      }
    });
  });

  describe('sandbox (docs/sandbox.md; each part is tested in test/sandbox/)', () => {
    it('drives the journal, faults, clock, snapshot, reset and restore of one tenant', async () => {
      const params = { tenant: hotel.id };
      assert.equal((await admin.call('GET', '/tenants/{tenant}/requests', { params })).status, 200);
      const count = await admin.call('GET', '/tenants/{tenant}/requests/count', { params });
      assert.equal(typeof count.body.count, 'number');
      assert.equal((await admin.call('DELETE', '/tenants/{tenant}/requests', { params })).status, 204);
      const rule = await admin.call('POST', '/tenants/{tenant}/faults', {
        params,
        body: { call: '*', status: 503 },
      });
      assert.equal(rule.status, 201);
      assert.equal((await admin.call('GET', '/tenants/{tenant}/faults', { params })).body.items.length, 1);
      const one = { params: { ...params, id: rule.body.id } };
      assert.equal((await admin.call('DELETE', '/tenants/{tenant}/faults/{id}', one)).status, 204);
      assert.equal((await admin.call('DELETE', '/tenants/{tenant}/faults', { params })).status, 204);
      const clock = await admin.call('PUT', '/tenants/{tenant}/clock', { params, body: { offset_days: 1 } });
      assert.equal(clock.body.offset_days, 1);
      assert.equal((await admin.call('GET', '/tenants/{tenant}/clock', { params })).body.offset_days, 1);
      assert.equal((await admin.call('DELETE', '/tenants/{tenant}/clock', { params })).body.real, true);
      const snapshot = await admin.call('GET', '/tenants/{tenant}/snapshot', { params });
      assert.equal(snapshot.status, 200);
      assert.equal((await admin.call('POST', '/tenants/{tenant}/reset', { params })).status, 204);
      const restored = await admin.call('PUT', '/tenants/{tenant}/snapshot', { params, body: snapshot.body });
      assert.equal(restored.status, 200);
      assert.ok(restored.body.rows > 0);
    });
  });

  describe('the contract', () => {
    it('every operation of the document was driven against the server above', () => {
      const missed = admin.operations.filter((op) => !admin.used.has(op));
      assert.deepEqual(missed, []);
    });
  });
});
