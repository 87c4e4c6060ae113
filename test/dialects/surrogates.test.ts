import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOwner } from '../../src/core/owners.ts';
import {
  countRows,
  postForm,
  postJson,
  startServer,
  tenantWithKey,
  type TestServer,
  type TestTenant,
} from '../helper.ts';
import { validCustomer } from './netstorming/helper.ts';

// A lone surrogate can only arrive as a JSON `\ud800` escape: percent-decoding and form bodies yield U+FFFD.
const LONE = '\\ud800';

let server: TestServer;
let tenant: TestTenant;

before(async () => {
  server = await startServer({ PASSWORD_SCRYPT_N: '1024' });
  tenant = await tenantWithKey(server.db);
  await createOwner(server.db, tenant.id, { code: 'netstorming' });
});
after(() => server.close());

describe('a lone surrogate in Zak', () => {
  it('in a JSON body: 400 naming the field, nothing stored', async () => {
    const reply = await postJson(
      `${server.base}/kp/customers/add_one`,
      `{"custdata":{"name":"x${LONE}y","surname":"Rossi"}}`,
      { 'x-api-key': tenant.key },
    );
    assert.equal(reply.status, 400, reply.text);
    assert.deepEqual(reply.body, { error: 'invalid text (lone surrogate): custdata.name' });
    assert.equal(await countRows(server.db, 'customers'), 0);
  });

  it('in JSON text inside a form field: 400 naming the field', async () => {
    const reply = await postForm(
      `${server.base}/kp/customers/add_one`,
      { custdata: `{"name":"Mario","surname":"R${LONE}"}` },
      { 'x-api-key': tenant.key },
    );
    assert.equal(reply.status, 400, reply.text);
    assert.deepEqual(reply.body, { error: 'invalid text (lone surrogate): custdata.surname' });
    assert.equal(await countRows(server.db, 'customers'), 0);
  });

  it('a well-formed pair (an emoji) is stored as sent', async () => {
    const reply = await postJson(
      `${server.base}/kp/customers/add_one`,
      `{"custdata":{"name":"x\\ud83d\\ude00y","surname":"Rossi"}}`,
      { 'x-api-key': tenant.key },
    );
    assert.equal(reply.status, 200, reply.text);
    const row = await server.db.selectFrom('customers').select('name').executeTakeFirstOrThrow();
    assert.equal(row.name, 'x\u{1F600}y');
  });
});

describe('a lone surrogate in Netstorming', () => {
  it('400 in the request-level shape naming the field, nothing stored', async () => {
    const body = JSON.stringify({
      key: tenant.key,
      owner_code: 'netstorming',
      customers: [validCustomer(1)],
    }).replace('"Agency 1"', `"Agency${LONE}"`);
    const reply = await postJson(`${server.base}/api/customers/insert`, body);
    assert.equal(reply.status, 400, reply.text);
    assert.deepEqual(reply.body, {
      dry_run: false,
      results: [],
      errors: [{ 'line/index': 0, errors: ['invalid text (lone surrogate): customers[0].name'] }],
    });
    assert.equal(await countRows(server.db, 'agencies'), 0);
  });
});

describe('a surrogate encoded as UTF-8 bytes in virtpos', () => {
  // virtpos reads queries and forms, where no lone surrogate can arrive: the UTF-8 bytes of one (ED A0 80) stay the
  // percent escapes as sent in a query, and become U+FFFD in a multipart body, the same on both stores.
  const stored = async (externalId: string) =>
    (
      await server.db
        .selectFrom('customers')
        .select('surname')
        .where('external_id', '=', externalId)
        .executeTakeFirstOrThrow()
    ).surname;
  const update = (externalId: string) =>
    `${server.base}/api/customer/update?apikey=${tenant.key}&format=json&create_if_not_exist=1&external_id=${externalId}`;

  it('in a query: kept as the escapes sent', async () => {
    const reply = await fetch(`${update('Q1')}&fname=Ivan&lname=Petrov%ED%A0%80`);
    assert.equal(reply.status, 200);
    assert.equal(((await reply.json()) as { success: number }).success, 1);
    assert.equal(await stored('Q1'), 'Petrov%ED%A0%80');
  });

  it('in a multipart body: U+FFFD for each byte', async () => {
    const boundary = 'b0undary';
    const part = (name: string, value: Buffer) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`),
        value,
        Buffer.from('\r\n'),
      ]);
    const body = Buffer.concat([
      part('fname', Buffer.from('Ivan')),
      part('lname', Buffer.concat([Buffer.from('Petrov'), Buffer.from([0xed, 0xa0, 0x80])])),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const reply = await fetch(update('M1'), {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    assert.equal(reply.status, 200);
    assert.equal(((await reply.json()) as { success: number }).success, 1);
    assert.equal(await stored('M1'), 'Petrov\ufffd\ufffd\ufffd');
  });
});
