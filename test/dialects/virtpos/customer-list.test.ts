import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { get, postForm, startServer, tenantWithKey, type TestServer } from '../../helper.ts';
import { EXPORT_BATCH } from '../../../src/core/customer-search.ts';
import { seedCustomers, url, xmlValues } from './support.ts';

interface ListBody {
  success: number;
  type: string;
  count: number;
  customers: Array<Record<string, unknown>>;
}

describe('/api/customer', () => {
  let server: TestServer;
  let key: string;
  let tenantId: number;
  let otherKey: string;
  let otherId: number;
  const list = (query: Record<string, string>) =>
    get<ListBody>(url(server.base, '/api/customer', { apikey: key, format: 'json', ...query }));
  const ids = (body: ListBody) => body.customers.map((c) => c.id);
  const update = (query: Record<string, string>, form: Record<string, string>) =>
    postForm(url(server.base, '/api/customer/update', { apikey: key, format: 'json', ...query }), form);

  before(async () => {
    server = await startServer();
    const tenant = await tenantWithKey(server.db);
    key = tenant.key;
    tenantId = tenant.id;
    await seedCustomers(server.db, tenantId, 250, { phones: true });
    const other = await tenantWithKey(server.db, 'Other Shop', 'OS');
    otherKey = other.key;
    const created = await postForm<{ id: number }>(
      url(server.base, '/api/customer/update', {
        apikey: otherKey,
        format: 'json',
        create_if_not_exist: '1',
      }),
      { fname: 'Чужой', lname: 'Клиент', phone: '+7 900 0000001', external_id: 'EXT-OTHER' },
    );
    otherId = created.body.id;
  });
  after(() => server.close());

  it('the vendor example: every customer, XML by default, in id order', async () => {
    const reply = await get(url(server.base, '/api/customer', { apikey: key, format: 'xml' }));
    assert.equal(reply.status, 200);
    assert.deepEqual(xmlValues(reply.text, 'success'), ['1']);
    assert.deepEqual(xmlValues(reply.text, 'type'), ['customer']);
    assert.deepEqual(xmlValues(reply.text, 'count'), ['250']);
    const listed = xmlValues(reply.text, 'id').map(Number);
    assert.deepEqual(
      listed,
      Array.from({ length: 250 }, (_, i) => listed[0]! + i),
    );
    const noFormat = await get(url(server.base, '/api/customer', { apikey: key }));
    assert.equal(noFormat.text, reply.text);
    const unknownFormat = await get(url(server.base, '/api/customer', { apikey: key, format: 'yaml' }));
    assert.equal(unknownFormat.text, reply.text);
  });

  it('the vendor paging example: page 1 of 200', async () => {
    const reply = await get(
      url(server.base, '/api/customer', { apikey: key, format: 'xml', page: '1', page_size: '200' }),
    );
    assert.deepEqual(xmlValues(reply.text, 'count'), ['200']);
    assert.equal(xmlValues(reply.text, 'fname')[0], 'Name1');
    assert.equal(xmlValues(reply.text, 'fname')[199], 'Name200');
  });

  it('paging edges: page 1, last partial page, past the end, defaults', async () => {
    const all = ids((await list({})).body);
    assert.deepEqual(ids((await list({ page: '1', page_size: '100' })).body), all.slice(0, 100));
    const last = (await list({ page: '3', page_size: '100' })).body;
    assert.equal(last.count, 50);
    assert.deepEqual(ids(last), all.slice(200));
    const past = await list({ page: '4', page_size: '100' });
    assert.deepEqual(past.body, { success: 1, type: 'customer', count: 0, customers: [] });
    const pastXml = await get(url(server.base, '/api/customer', { apikey: key, page: '9' }));
    assert.match(pastXml.text, /<count>0<\/count>\n\t<customers\/>/);
    assert.deepEqual(ids((await list({ page: '2' })).body), all.slice(100, 200), 'page_size defaults to 100');
    assert.deepEqual(ids((await list({ page_size: '7' })).body), all.slice(0, 7), 'page defaults to 1');
    assert.equal((await list({ page: '1', page_size: '1000' })).body.count, 250);
  });

  it('refuses page_size over 1000 and pages that are not positive numbers', async () => {
    assert.deepEqual((await list({ page: '1', page_size: '1001' })).body, {
      success: 0,
      info: 'Параметр page_size не может быть больше 1000',
    });
    for (const [name, value] of [
      ['page', '0'],
      ['page', 'abc'],
      ['page_size', '0'],
      ['page_size', '-5'],
    ] as const) {
      const reply = await list({ [name]: value });
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, { success: 0, info: `Неверное значение параметра ${name}` });
    }
  });

  it('finds a phone written in five spellings', async () => {
    const phone = '+7 900 0000042';
    for (const spelling of [
      '+7 (900) 000-00-42',
      '89000000042',
      '9000000042',
      '7 900 000 00 42',
      '8-900-000-0042',
    ]) {
      const body = (await list({ phone: spelling })).body;
      assert.equal(body.count, 1, spelling);
      assert.equal(body.customers[0]?.phone, phone);
    }
    assert.equal((await list({ phone: '+7 900 000-00-00' })).body.count, 0);
    assert.equal((await list({ phone: 'no digits' })).body.count, 0);
  });

  it('finds an e-mail trimmed and in any case; filters combine with AND', async () => {
    const saved = await update(
      { create_if_not_exist: '1' },
      { fname: 'Ирина', lname: 'Смирнова', email: 'Irina@Shop.RU' },
    );
    const id = (saved.body as { id: number }).id;
    assert.deepEqual(ids((await list({ email: '  irina@shop.ru ' })).body), [id]);
    assert.equal((await list({ email: 'irina@shop.ru', with_phone: '1' })).body.count, 0);
    assert.deepEqual(ids((await list({ email: 'irina@shop.ru', with_phone: 'false' })).body), [id]);
  });

  it('with_phone and with_email keep customers that have one, or those without', async () => {
    const noPhone = (await list({ with_phone: 'false' })).body;
    assert.ok(noPhone.customers.every((c) => c.phone === null));
    const withPhone = (await list({ with_phone: 'true' })).body;
    assert.equal(withPhone.count, 250);
    assert.ok(withPhone.customers.every((c) => typeof c.phone === 'string'));
    assert.equal(noPhone.count + withPhone.count, (await list({})).body.count);
    for (const [yes, no] of [
      ['1', '0'],
      ['YES', 'no'],
      ['on', 'Off'],
      ['True', ''],
    ] as const) {
      assert.equal((await list({ with_phone: yes })).body.count, withPhone.count, yes);
      assert.equal((await list({ with_phone: no })).body.count, noPhone.count, no);
    }
    const withEmail = (await list({ with_email: '1' })).body;
    assert.ok(withEmail.count >= 1 && withEmail.customers.every((c) => c.email !== null));
    assert.deepEqual((await list({ with_phone: 'maybe' })).body, {
      success: 0,
      info: 'Неверное значение параметра with_phone',
    });
  });

  it('by id and by external_id; another tenant’s customer looks exactly like a missing one', async () => {
    const saved = await update(
      { create_if_not_exist: '1' },
      { fname: 'Олег', lname: 'Ким', external_id: 'EXT-7' },
    );
    const id = (saved.body as { id: number }).id;
    assert.deepEqual(ids((await list({ id: String(id) })).body), [id]);
    assert.deepEqual(ids((await list({ external_id: 'EXT-7' })).body), [id]);
    const missing = await list({ id: '999999' });
    const foreign = await list({ id: String(otherId) });
    assert.deepEqual(foreign.body, missing.body);
    assert.deepEqual(foreign.body, { success: 1, type: 'customer', count: 0, customers: [] });
    assert.deepEqual((await list({ external_id: 'EXT-OTHER' })).body, missing.body);
    assert.equal((await list({ phone: '+7 900 0000001' })).body.count, 1, 'only the own tenant’s customer');
  });

  it('accepts POST form and multipart bodies; get-only parameters in the body are ignored', async () => {
    const form = await postForm<ListBody>(url(server.base, '/api/customer', { format: 'json' }), {
      apikey: key,
      phone: '89000000007',
    });
    assert.equal(form.body.count, 1);
    const multipart = new FormData();
    multipart.set('apikey', key);
    multipart.set('phone', '89000000008');
    const reply = await fetch(url(server.base, '/api/customer', { format: 'json' }), {
      method: 'POST',
      body: multipart,
    });
    assert.equal(((await reply.json()) as ListBody).customers[0]?.phone, '+7 900 0000008');
    // id, external_id and format are "get only": in the body they change nothing.
    const ignored = await postForm(
      url(server.base, '/api/customer', { apikey: key, page: '1', page_size: '3' }),
      {
        id: '5',
        external_id: 'EXT-7',
        format: 'json',
      },
    );
    assert.match(ignored.text, /^<\?xml/);
    assert.deepEqual(xmlValues(ignored.text, 'count'), ['3']);
    // The body wins over the query for the other parameters.
    const bodyWins = await postForm<ListBody>(
      url(server.base, '/api/customer', { apikey: key, format: 'json', phone: '1' }),
      {
        phone: '89000000009',
      },
    );
    assert.equal(bodyWins.body.count, 1);
  });

  it('refuses a missing or invalid apikey in the requested format', async () => {
    assert.deepEqual((await get(url(server.base, '/api/customer', { format: 'json' }))).body, {
      success: 0,
      info: 'Не указан apikey',
    });
    const wrong = await get(url(server.base, '/api/customer', { apikey: 'ck_nope', format: 'json' }));
    assert.equal(wrong.status, 200);
    assert.deepEqual(wrong.body, { success: 0, info: 'Неверный apikey' });
    const xml = await get(url(server.base, '/api/customer', { apikey: 'ck_nope' }));
    assert.deepEqual(xmlValues(xml.text, 'info'), ['Неверный apikey']);
  });

  it('an unknown path is a 404, in the requested format', async () => {
    const reply = await get(url(server.base, '/api/customer/merge', { apikey: key, format: 'json' }));
    assert.equal(reply.status, 404);
    assert.deepEqual(reply.body, { success: 0, info: 'Неизвестный метод API' });
  });

  it('bonuses=1 adds the balance, 0 when none', async () => {
    await server.db
      .updateTable('customers')
      .set({ bonus_balance_cents: 12345 })
      .where('name', '=', 'Name3')
      .execute();
    const body = (await list({ page_size: '3', bonuses: '1' })).body;
    assert.deepEqual(
      body.customers.map((c) => c.bonuses),
      [{ balance: '0' }, { balance: '0' }, { balance: '123.45' }],
    );
    assert.equal((await list({ page_size: '1' })).body.customers[0]?.bonuses, undefined);
    const xml = await get(url(server.base, '/api/customer', { apikey: key, page_size: '3', bonuses: 'yes' }));
    assert.deepEqual(xmlValues(xml.text, 'balance'), ['0', '0', '123.45']);
  });
});

describe('/api/customer without paging: the streamed listing', () => {
  let server: TestServer;
  let key: string;
  before(async () => {
    server = await startServer();
    const tenant = await tenantWithKey(server.db);
    key = tenant.key;
    // More than two of the listing's internal batches, and a last partial one.
    await seedCustomers(server.db, tenant.id, 2345, { phones: true });
  });
  after(() => server.close());

  it('streams every customer in XML, in id order, count first', async () => {
    const reply = await get(url(server.base, '/api/customer', { apikey: key }));
    assert.deepEqual(xmlValues(reply.text, 'count'), ['2345']);
    assert.equal(reply.text.match(/<customer>/g)?.length, 2345);
    assert.deepEqual(
      xmlValues(reply.text, 'fname'),
      Array.from({ length: 2345 }, (_, i) => `Name${i + 1}`),
    );
    assert.ok(reply.text.endsWith('\t</customers>\n</root>\n'));
  });

  it('streams every customer in JSON', async () => {
    const reply = await get<ListBody>(url(server.base, '/api/customer', { apikey: key, format: 'json' }));
    assert.equal(reply.body.count, 2345);
    assert.equal(reply.body.customers.length, 2345);
    assert.equal(reply.body.customers[2344]?.fname, 'Name2345');
  });

  it('streams a filtered listing, and an empty one', async () => {
    const one = await get<ListBody>(
      url(server.base, '/api/customer', { apikey: key, format: 'json', phone: '89000001500' }),
    );
    assert.deepEqual(
      one.body.customers.map((c) => c.fname),
      ['Name1500'],
    );
    const none = await get(url(server.base, '/api/customer', { apikey: key, with_phone: '0' }));
    assert.match(none.text, /<count>0<\/count>\n\t<customers\/>\n<\/root>\n$/);
    const noneJson = await get(
      url(server.base, '/api/customer', { apikey: key, with_phone: '0', format: 'json' }),
    );
    assert.deepEqual(noneJson.body, { success: 1, type: 'customer', count: 0, customers: [] });
  });

  it('lists a batch exactly, and a batch and one more, whole and in order', async () => {
    // One batch read whole is sent as one piece; a full first batch is streamed, and the next read finds nothing.
    for (const size of [EXPORT_BATCH, EXPORT_BATCH + 1]) {
      const tenant = await tenantWithKey(server.db);
      await seedCustomers(server.db, tenant.id, size);
      const names = Array.from({ length: size }, (_, i) => `Name${i + 1}`);
      const json = await get<ListBody>(
        url(server.base, '/api/customer', { apikey: tenant.key, format: 'json' }),
      );
      assert.equal(json.body.count, size);
      assert.deepEqual(
        json.body.customers.map((c) => c.fname),
        names,
      );
      const xml = await get(url(server.base, '/api/customer', { apikey: tenant.key }));
      assert.deepEqual(xmlValues(xml.text, 'count'), [String(size)]);
      assert.deepEqual(xmlValues(xml.text, 'fname'), names);
      assert.ok(xml.text.endsWith('\t</customers>\n</root>\n'));
    }
  });
});

describe('/api/customer: bodies the server cannot read', () => {
  let server: TestServer;
  let key: string;
  before(async () => {
    server = await startServer({ BODY_LIMIT: '2048' });
    key = (await tenantWithKey(server.db)).key;
  });
  after(() => server.close());

  it('an unsupported or oversized body is a success 0 reply, not an HTTP error', async () => {
    const xmlBody = await fetch(url(server.base, '/api/customer', { apikey: key, format: 'json' }), {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<customer/>',
    });
    assert.equal(xmlBody.status, 200);
    assert.deepEqual(await xmlBody.json(), { success: 0, info: 'Некорректный запрос' });
    const big = await postForm(
      url(server.base, '/api/customer/update', { apikey: key, format: 'json', create_if_not_exist: '1' }),
      {
        fname: 'x'.repeat(4000),
        lname: 'y',
      },
    );
    assert.equal(big.status, 200);
    assert.deepEqual(big.body, { success: 0, info: 'Слишком большой запрос' });
  });

  it('refuses a text/plain body instead of reading it as no fields (an update that changed nothing)', async () => {
    const created = await postForm<{ id: number }>(
      url(server.base, '/api/customer/update', { apikey: key, format: 'json', create_if_not_exist: '1' }),
      { fname: 'Olga', lname: 'Ivanova' },
    );
    const id = String(created.body.id);
    const plain = await fetch(url(server.base, '/api/customer/update', { apikey: key, format: 'json', id }), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'fname=Irina',
    });
    assert.equal(plain.status, 200);
    assert.deepEqual(await plain.json(), { success: 0, info: 'Некорректный запрос' });
    const listed = await get(url(server.base, '/api/customer', { apikey: key, format: 'json', id }));
    assert.equal(JSON.parse(listed.text).customers[0].fname, 'Olga');
    // An empty text/plain body carries no fields and is no error: the parameters are in the query.
    const empty = await fetch(url(server.base, '/api/customer', { apikey: key, format: 'json', id }), {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: '',
    });
    assert.equal(((await empty.json()) as { count: number }).count, 1);
  });
});
