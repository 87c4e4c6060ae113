import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiKey } from '../../../src/core/tenants.ts';
import { countRows, get, postForm, startServer, tenantWithKey, type TestServer } from '../../helper.ts';
import { url, xmlValues } from './support.ts';

type Customer = Record<string, unknown>;
interface Saved {
  success: number;
  id: number;
  isnew: number;
  info?: string;
}

describe('/api/customer/update', () => {
  let server: TestServer;
  let key: string;
  let keyId: number;
  let otherKey: string;
  const update = (query: Record<string, string>, form: Record<string, string> = {}) =>
    postForm<Saved>(
      url(server.base, '/api/customer/update', { apikey: key, format: 'json', ...query }),
      form,
    );
  const create = (form: Record<string, string>) => update({ create_if_not_exist: '1' }, form);
  const fetchOne = async (id: number): Promise<Customer> => {
    const reply = await get<{ customers: Customer[] }>(
      url(server.base, '/api/customer', { apikey: key, format: 'json', id: String(id) }),
    );
    return reply.body.customers[0] ?? {};
  };

  before(async () => {
    server = await startServer();
    const tenant = await tenantWithKey(server.db);
    key = tenant.key;
    keyId = tenant.keyId;
    otherKey = (await tenantWithKey(server.db, 'Other', 'OT')).key;
  });
  after(() => server.close());

  it('the vendor example: updates the customer `id`, fields as post parameters', async () => {
    const { id } = (await create({ fname: 'Сергей', lname: 'Иванов' })).body;
    const reply = await postForm(
      url(server.base, '/api/customer/update', { apikey: key, id: String(id), create_if_not_exist: '0' }),
      {
        mname: 'Степанович',
        email: 'S.Ivanov@Example.com',
      },
    );
    assert.deepEqual(xmlValues(reply.text, 'success'), ['1']);
    assert.deepEqual(xmlValues(reply.text, 'id'), [String(id)]);
    assert.deepEqual(xmlValues(reply.text, 'isnew'), ['0']);
    const c = await fetchOne(id);
    assert.equal(c.mname, 'Степанович');
    assert.equal(c.email, 'S.Ivanov@Example.com');
    assert.equal(c.fname, 'Сергей', 'fields not sent are left alone');
  });

  it('creates with create_if_not_exist, recording the key that did it', async () => {
    const second = await createApiKey(
      server.db,
      (await server.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id,
    );
    const saved = await postForm<Saved>(
      url(server.base, '/api/customer/update', {
        apikey: second.key,
        format: 'json',
        create_if_not_exist: 'yes',
      }),
      { fname: 'Мария', lname: 'Орлова', gender: 'F', send_sms: '1', age: '99' },
    );
    assert.equal(saved.body.isnew, 1);
    let c = await fetchOne(saved.body.id);
    assert.equal(c.created_by, String(second.id));
    assert.equal(c.gender, 'F');
    assert.equal(c.send_sms, '1');
    assert.equal(c.send_push, '0');
    assert.equal(c.age, null, 'age is never taken from input');
    await update({ id: String(saved.body.id) }, { lname: 'Орлова-Ким' });
    c = await fetchOne(saved.body.id);
    assert.equal(c.created_by, String(second.id));
    assert.equal(c.last_update_by, String(keyId));
  });

  it('finds by external_id when no id is given, and creates with it', async () => {
    const created = await update(
      { create_if_not_exist: '1' },
      { external_id: '1C-0001', fname: 'Пётр', lname: 'Лебедев' },
    );
    assert.equal(created.body.isnew, 1);
    const again = await update({}, { external_id: '1C-0001', phone: '8 (912) 000-11-22' });
    assert.deepEqual(again.body, { success: 1, id: created.body.id, isnew: 0 });
    assert.equal((await fetchOne(created.body.id)).phone, '8 (912) 000-11-22');
    assert.deepEqual((await update({}, { external_id: '1C-9999', fname: 'X' })).body, {
      success: 0,
      info: 'Клиент не найден',
    });
  });

  it('a missing id, and another tenant’s, are "not found"; with create_if_not_exist a new id is given', async () => {
    const foreign = (
      await postForm<Saved>(
        url(server.base, '/api/customer/update', {
          apikey: otherKey,
          format: 'json',
          create_if_not_exist: '1',
        }),
        {
          fname: 'Чужой',
          lname: 'Клиент',
        },
      )
    ).body.id;
    const missing = await update({ id: '999999' }, { fname: 'Новое' });
    assert.deepEqual(missing.body, { success: 0, info: 'Клиент не найден' });
    assert.deepEqual((await update({ id: String(foreign) }, { fname: 'Новое' })).body, missing.body);
    const made = await update(
      { id: '999999', create_if_not_exist: '1' },
      { fname: 'Новый', lname: 'Клиент' },
    );
    assert.equal(made.body.isnew, 1);
    assert.notEqual(made.body.id, 999999);
  });

  it('reads id and create_if_not_exist from the query only', async () => {
    const { id } = (await create({ fname: 'Анна', lname: 'Белова' })).body;
    const before = await countRows(server.db, 'customers');
    assert.deepEqual((await update({}, { id: String(id), fname: 'Изменено' })).body, {
      success: 0,
      info: 'Не указан параметр id',
    });
    assert.deepEqual((await update({}, { create_if_not_exist: '1', fname: 'A', lname: 'B' })).body, {
      success: 0,
      info: 'Не указан параметр id',
    });
    assert.equal(await countRows(server.db, 'customers'), before);
    assert.equal((await fetchOne(id)).fname, 'Анна');
  });

  it('group_name finds or creates the group; group_id wins; an empty group_id removes it', async () => {
    const a = (await create({ fname: 'A', lname: 'A', group_name: 'VIP' })).body.id;
    const b = (await create({ fname: 'B', lname: 'B', group_name: 'VIP' })).body.id;
    const vip = (await fetchOne(a)).group_id as string;
    assert.equal((await fetchOne(b)).group_id, vip);
    assert.equal((await fetchOne(a)).group_name, 'VIP');
    await update({ id: String(b) }, { group_name: 'Опт' });
    const wholesale = (await fetchOne(b)).group_id as string;
    assert.notEqual(wholesale, vip);
    await update({ id: String(b) }, { group_id: vip, group_name: 'Ignored' });
    assert.equal((await fetchOne(b)).group_name, 'VIP');
    assert.deepEqual((await update({ id: String(b) }, { group_id: '999999' })).body, {
      success: 0,
      info: 'Группа клиентов не найдена',
    });
    await update({ id: String(b) }, { group_id: '' });
    assert.equal((await fetchOne(b)).group_id, null);
  });

  it('birth date, gender, amounts and flags in the vendor forms', async () => {
    const { id } = (
      await create({
        fname: 'Б',
        lname: 'Д',
        birth_day: '5',
        birth_month: '03',
        birth_year: '1990',
        accumulated_sales: '1520,5',
      })
    ).body;
    let c = await fetchOne(id);
    assert.deepEqual([c.birth_day, c.birth_month, c.birth_year], ['5', '3', '1990']);
    assert.equal(c.accumulated_sales, '1520.50');
    await update(
      { id: String(id) },
      { birth_day: '', birth_month: '', birth_year: '', gender: 'm', send_email: 'true' },
    );
    c = await fetchOne(id);
    assert.deepEqual([c.birth_day, c.age, c.gender, c.send_email], [null, null, 'M', '1']);
    const errors: Array<[Record<string, string>, string]> = [
      [
        { birth_day: '31', birth_month: '2', birth_year: '1990' },
        'Неверное значение параметра birth_day/birth_month/birth_year',
      ],
      [{ birth_year: '1990' }, 'Неверное значение параметра birth_day/birth_month/birth_year'],
      [{ gender: 'Q' }, 'Неверное значение параметра gender'],
      [{ accumulated_sales: '12.345' }, 'Неверное значение параметра accumulated_sales'],
      [{ send_push: 'maybe' }, 'Неверное значение параметра send_push'],
      [{ email: 'not-an-email' }, 'Неверное значение параметра email'],
      [{ fname: '' }, 'Не указан параметр fname'],
    ];
    for (const [form, info] of errors) {
      assert.deepEqual(
        (await update({ id: String(id) }, form)).body,
        { success: 0, info },
        JSON.stringify(form),
      );
    }
  });

  it('refuses a duplicate external_id or a new customer without lname, writing nothing', async () => {
    await create({ fname: 'A', lname: 'A', external_id: 'DUP-1' });
    const { id } = (await create({ fname: 'B', lname: 'B' })).body;
    const before = await countRows(server.db, 'customers');
    const groups = await countRows(server.db, 'customer_groups');
    assert.deepEqual((await update({ id: String(id) }, { external_id: 'DUP-1' })).body, {
      success: 0,
      info: 'Клиент с таким external_id уже существует',
    });
    assert.deepEqual((await create({ fname: 'Без фамилии', group_name: 'Never' })).body, {
      success: 0,
      info: 'Не указан параметр lname',
    });
    assert.equal(await countRows(server.db, 'customers'), before);
    assert.equal(
      await countRows(server.db, 'customer_groups'),
      groups,
      'the group of the failed write was rolled back',
    );
  });

  it('refuses a JSON number in a body that is not the digits sent (1e400, a 20-digit phone)', async () => {
    const { id } = (await create({ fname: 'Anna', lname: 'K' })).body;
    for (const [body, name] of [
      ['{"fname": 1e400}', 'fname'],
      ['{"phone": 12345678901234567890}', 'phone'],
    ]) {
      const reply = await fetch(
        url(server.base, '/api/customer/update', { apikey: key, format: 'json', id: String(id) }),
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        },
      );
      assert.deepEqual(await reply.json(), { success: 0, info: `Неверное значение параметра ${name}` });
    }
    const stored = await fetchOne(id);
    assert.deepEqual([stored.fname, stored.phone], ['Anna', null]);
  });

  it('round-trips XML special characters and Cyrillic', async () => {
    const tricky = `<Ёжик & "Ко" 'x'> ]]>`;
    const form = new FormData();
    form.set('apikey', key);
    form.set('fname', tricky);
    form.set('lname', 'Щукин');
    form.set('custom_information', 'a < b && c > d');
    const saved = await fetch(url(server.base, '/api/customer/update', { create_if_not_exist: '1' }), {
      method: 'POST',
      body: form,
    });
    const id = xmlValues(await saved.text(), 'id')[0] ?? '';
    const xml = await get(url(server.base, '/api/customer', { apikey: key, id }));
    assert.ok(xml.text.includes('<fname>&lt;Ёжик &amp; &quot;Ко&quot; &apos;x&apos;&gt; ]]&gt;</fname>'));
    assert.deepEqual(xmlValues(xml.text, 'fname'), [tricky]);
    assert.deepEqual(xmlValues(xml.text, 'custom_information'), ['a < b && c > d']);
    const json = await fetchOne(Number(id));
    assert.equal(json.fname, tricky);
  });
});
