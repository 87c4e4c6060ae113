import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countRows, postForm, tenantWithKey } from '../../helper.ts';
import { startHotel, stay, type Hotel } from './hotel.ts';

/** Idempotency-Key on Zak writes (docs/idempotency.md), over real HTTP on the test store. */
describe('Zak writes with an Idempotency-Key', () => {
  let hotel: Hotel;
  const newWith = (key: string | undefined, params: Record<string, unknown>, query = false) => {
    const fields = { params: JSON.stringify(stay(params)) };
    const headers: Record<string, string> = { 'x-api-key': hotel.tenant.key };
    if (key !== undefined) headers['idempotency-key'] = key;
    if (!query)
      return postForm<{ data: { id: string; rsrvid: number } }>(
        `${hotel.server.base}/kp/reservations/new`,
        fields,
        headers,
      );
    const url = `${hotel.server.base}/kp/reservations/new?${new URLSearchParams(fields)}`;
    return postForm<{ data: { id: string; rsrvid: number } }>(url, {}, headers);
  };
  const reservations = () => countRows(hotel.server.db, 'reservations');

  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());

  it('runs the first request, replays the same one byte for byte and books once', async () => {
    const before = await reservations();
    const first = await newWith('book-1', { rooms: [{ room: 2 }] });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    const again = await newWith('book-1', { rooms: [{ room: 2 }] });
    assert.equal(again.status, 200);
    assert.equal(again.text, first.text);
    assert.equal(again.headers.get('content-type'), first.headers.get('content-type'));
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(await reservations(), before + 1);
  });

  it('takes the same form sent in the query string as the same request', async () => {
    const first = await newWith('book-q', { arrival: '01/04/2030', departure: '03/04/2030' });
    const again = await newWith('book-q', { arrival: '01/04/2030', departure: '03/04/2030' }, true);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.text, first.text);
  });

  it('refuses the key reused with another request (422), and across calls', async () => {
    const first = await newWith('book-2', { arrival: '01/05/2030', departure: '03/05/2030' });
    assert.equal(first.status, 200, first.text);
    const other = await newWith('book-2', { arrival: '01/06/2030', departure: '03/06/2030' });
    assert.equal(other.status, 422);
    assert.deepEqual(other.body, { error: 'idempotency key reused with a different request' });
    const meal = await postForm(
      `${hotel.server.base}/kp/reservations/add_meal`,
      { rcode: first.body.data.id, meal: JSON.stringify({ date: '01/05/2030', type: 'breakfast' }) },
      { 'x-api-key': hotel.tenant.key, 'idempotency-key': 'book-2' },
    );
    assert.equal(meal.status, 422, meal.text);
  });

  it('stores a refusal (4xx) and replays it, even once the cause is gone', async () => {
    const taken = await newWith(undefined, { arrival: '01/07/2030', departure: '03/07/2030' });
    assert.equal(taken.status, 200, taken.text);
    const refused = await newWith('book-3', { arrival: '01/07/2030', departure: '03/07/2030' });
    assert.equal(refused.status, 409, refused.text);
    const before = await reservations();
    await hotel.server.db.deleteFrom('room_nights').where('night', '=', '2030-07-01').execute();
    const again = await newWith('book-3', { arrival: '01/07/2030', departure: '03/07/2030' });
    assert.equal(again.status, 409);
    assert.equal(again.text, refused.text);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(await reservations(), before);
  });

  it('runs anew once the key has expired', async () => {
    const first = await newWith('book-4', { arrival: '01/08/2030', departure: '03/08/2030' });
    assert.equal(first.status, 200, first.text);
    await hotel.server.db
      .updateTable('idempotency_keys')
      .set({ expires_at: '2000-01-01T00:00:00.000Z' })
      .where('key', '=', 'book-4')
      .execute();
    const again = await newWith('book-4', { arrival: '10/08/2030', departure: '12/08/2030' });
    assert.equal(again.status, 200, again.text);
    assert.equal(again.headers.get('idempotent-replayed'), null);
    assert.notEqual(again.body.data.id, first.body.data.id);
  });

  it('keeps keys per tenant: another tenant with the same key string runs its own request', async () => {
    const other = await tenantWithKey(hotel.server.db, 'Other', 'OT');
    const mine = await newWith('shared', { arrival: '01/09/2030', departure: '03/09/2030' });
    assert.equal(mine.status, 200, mine.text);
    const theirs = await postForm(
      `${hotel.server.base}/kp/customers/add_one`,
      { custdata: JSON.stringify({ name: 'Ann', surname: 'Other' }) },
      { 'x-api-key': other.key, 'idempotency-key': 'shared' },
    );
    assert.equal(theirs.status, 200, theirs.text);
    assert.equal(theirs.headers.get('idempotent-replayed'), null);
  });

  for (const [what, key] of [
    ['an empty key', ''],
    ['a 300-character key', 'k'.repeat(300)],
    ['a key with a control character', 'a\tb'],
  ] as const) {
    it(`refuses ${what} with a 400 in Zak's shape and writes nothing`, async () => {
      const before = await reservations();
      const r = await newWith(key, { arrival: '01/10/2030', departure: '03/10/2030' });
      assert.equal(r.status, 400, r.text);
      assert.match((r.body as unknown as { error: string }).error, /Idempotency-Key/);
      assert.equal(await reservations(), before);
    });
  }

  it('accepts a 255-character key', async () => {
    const r = await newWith('k'.repeat(255), { arrival: '01/11/2030', departure: '03/11/2030' });
    assert.equal(r.status, 200, r.text);
  });

  it('answers /kapi writes once per key too', async () => {
    const booked = await newWith(undefined, { arrival: '01/12/2030', departure: '03/12/2030' });
    const url = `${hotel.server.base}/kapi/notes/create_note`;
    const headers = { 'x-api-key': hotel.tenant.key, 'idempotency-key': 'kapi-1' };
    const before = await countRows(hotel.server.db, 'reservation_notes');
    const fields = { rcode: String(booked.body.data.rsrvid), new_note: 'late arrival' };
    const first = await postForm(url, fields, headers);
    assert.equal(first.status, 200, first.text);
    const again = await postForm(url, fields, headers);
    assert.equal(again.text, first.text);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(await countRows(hotel.server.db, 'reservation_notes'), before + 1);
  });
});
