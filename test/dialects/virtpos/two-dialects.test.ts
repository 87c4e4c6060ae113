import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { get, postForm, startServer, tenantWithKey, type TestServer } from '../../helper.ts';
import { url } from './support.ts';

interface ZakCustomer {
  data: {
    main_info: { name: string; surname: string };
    anagraphical: { gender: string; birthday: string };
    contacts: { email: string; phone: string };
  };
}

describe('one customer, two dialects: Zak and virtpos', () => {
  let server: TestServer;
  let key: string;
  let id: number;
  before(async () => {
    server = await startServer();
    key = (await tenantWithKey(server.db)).key;
  });
  after(() => server.close());

  it('a customer added through Zak add_one is listed by /api/customer with the same data', async () => {
    const custdata = {
      name: 'Mario',
      surname: 'Rossi',
      email: 'therealemail@gmail.com',
      phone: '+7 (999) 765-43-21',
      gender: 'm',
      birthday: '24/10/1992',
    };
    const added = await postForm<{ data: number }>(
      `${server.base}/kp/customers/add_one`,
      { custdata: JSON.stringify(custdata) },
      { 'x-api-key': key },
    );
    assert.equal(added.status, 200);
    id = added.body.data;
    const listed = await get<{ count: number; customers: Array<Record<string, unknown>> }>(
      url(server.base, '/api/customer', { apikey: key, format: 'json', phone: '89997654321' }),
    );
    assert.equal(listed.body.count, 1);
    const c = listed.body.customers[0] ?? {};
    assert.equal(c.id, id);
    assert.deepEqual(
      [c.fname, c.lname, c.email, c.phone, c.gender],
      ['Mario', 'Rossi', 'therealemail@gmail.com', '+7 (999) 765-43-21', 'M'],
    );
    assert.deepEqual([c.birth_day, c.birth_month, c.birth_year], ['24', '10', '1992']);
  });

  it('an update through virtpos is seen by Zak fetch_one', async () => {
    const saved = await postForm<{ success: number }>(
      url(server.base, '/api/customer/update', { apikey: key, format: 'json', id: String(id) }),
      {
        fname: 'Марио',
        email: 'mario@rossi.ru',
        phone: '8 912 000 11 22',
        gender: 'F',
        birth_day: '1',
        birth_month: '2',
        birth_year: '1985',
      },
    );
    assert.equal(saved.body.success, 1);
    const fetched = await postForm<ZakCustomer>(
      `${server.base}/kp/customers/fetch_one`,
      { id: String(id) },
      { 'x-api-key': key },
    );
    assert.equal(fetched.body.data.main_info.name, 'Марио');
    assert.equal(fetched.body.data.main_info.surname, 'Rossi');
    assert.equal(fetched.body.data.contacts.email, 'mario@rossi.ru');
    assert.equal(fetched.body.data.contacts.phone, '8 912 000 11 22');
    assert.equal(fetched.body.data.anagraphical.gender, 'f');
    assert.equal(fetched.body.data.anagraphical.birthday, '01/02/1985');
  });
});
