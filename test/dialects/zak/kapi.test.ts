import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DOCUMENT_TYPES } from '../../../src/core/documents.ts';
import { tenantWithKey } from '../../helper.ts';
import { startHotel, type Hotel } from './hotel.ts';

/** A request as older integrations send it: POST, parameters in the query, Basic auth with the key as user. */
async function kapi(hotel: Hotel, path: string, query: Record<string, string> = {}, key = hotel.tenant.key) {
  const qs = new URLSearchParams(query).toString();
  const response = await fetch(`${hotel.server.base}/kapi/${path}${qs ? `?${qs}` : ''}`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
      Lcode: '1',
      Accept: 'application/json',
    },
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; error?: string } };
}

describe('POST /kapi/test', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());

  it('answers "Authentication done!" to a good key, with the x-api-key header or Basic auth', async () => {
    assert.deepEqual(await kapi(hotel, 'test'), { status: 200, body: { data: 'Authentication done!' } });
    const r = await fetch(`${hotel.server.base}/kapi/test`, { headers: { 'x-api-key': hotel.tenant.key } });
    assert.deepEqual(await r.json(), { data: 'Authentication done!' });
  });

  it('answers "Authentication error" to a bad key', async () => {
    assert.deepEqual(await kapi(hotel, 'test', {}, 'nope'), {
      status: 401,
      body: { error: 'Authentication error' },
    });
  });

  it('answers "Wrong api name" to an unknown call, after checking the key', async () => {
    assert.deepEqual(await kapi(hotel, 'notes/get_everything'), {
      status: 404,
      body: { error: 'Wrong api name: notes/get_everything' },
    });
    assert.equal((await kapi(hotel, 'notes/get_everything', {}, 'nope')).status, 401);
  });
});

describe('POST /kapi/symbols/*', () => {
  let hotel: Hotel;
  before(async () => {
    hotel = await startHotel();
  });
  after(() => hotel.close());

  it('get_rsrv_status lists the statuses a reservation can have', async () => {
    assert.deepEqual(await kapi(hotel, 'symbols/get_rsrv_status'), {
      status: 200,
      body: { data: ['Confirmed', 'Cancelled'] },
    });
  });

  it('get_doc_types lists exactly the types upload_docdata accepts', async () => {
    const r = await kapi(hotel, 'symbols/get_doc_types', { country: 'IT' });
    assert.equal(r.status, 200);
    const types = r.body.data as Record<string, string>;
    assert.deepEqual(Object.keys(types).sort(), [...DOCUMENT_TYPES].sort());
    assert.equal(types.p, 'Passport');
    assert.equal(types.it_PASOR, 'PASOR');
  });

  it('get_doc_types types are accepted by upload_docdata, and others are not', async () => {
    const c = await hotel.call<{ data: number }>('customers/add_one', {
      custdata: '{"name":"Ada","surname":"Byron"}',
    });
    assert.equal(c.status, 200, JSON.stringify(c.body));
    const upload = (doc_type: string) =>
      hotel.call('customers/upload_docdata', {
        id: String(c.body.data),
        docdata: JSON.stringify({
          doc_type,
          doc_country: 'IT',
          doc_number: `N-${doc_type}`,
          doc_issue: '01/01/2020',
          doc_expiry: '01/01/2030',
        }),
      });
    const listed = Object.keys((await kapi(hotel, 'symbols/get_doc_types')).body.data as object);
    for (const type of listed) assert.equal((await upload(type)).status, 200, type);
    assert.equal((await upload('x_UNKNOWN')).status, 400);
  });

  it('get_inv_types names the inventory types', async () => {
    assert.deepEqual(await kapi(hotel, 'symbols/get_inv_types'), {
      status: 200,
      body: { data: { room: 'Room' } },
    });
  });

  it('answers the same to another tenant, and nothing without a key', async () => {
    const other = await tenantWithKey(hotel.server.db, 'Other', 'OT');
    assert.equal((await kapi(hotel, 'symbols/get_rsrv_status', {}, other.key)).status, 200);
    assert.equal((await kapi(hotel, 'symbols/get_rsrv_status', {}, '')).status, 401);
  });
});
