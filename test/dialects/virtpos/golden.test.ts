import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createApiKey } from '../../../src/core/tenants.ts';
import { get, postForm, startServer, tenantWithKey, type TestServer } from '../../helper.ts';
import { ageToday, seedCustomers, url, xmlElementNames, xmlValues } from './support.ts';

const golden = (name: string) =>
  readFileSync(new URL(`../../golden/virtpos/${name}`, import.meta.url), 'utf8');
const seedTime = '2016-07-18T13:54:37.000Z';

/** The reply with today's age replaced by the seed's, once it is checked to be the right one for today. */
function withSeedAge(text: string, birthday: string): string {
  assert.deepEqual(xmlValues(text, 'age'), [String(ageToday(birthday))]);
  return text.replace(/<age>\d+<\/age>/, '<age>24</age>');
}

// Ids are part of the golden files, so this file owns its fresh store: customer 1 is the seed's, made by key 2.
describe('golden files: the vendor examples reproduced', () => {
  let server: TestServer;
  let key: string;
  let tenantId: number;
  before(async () => {
    server = await startServer();
    const tenant = await tenantWithKey(server.db);
    tenantId = tenant.id;
    key = (await createApiKey(server.db, tenant.id)).key;
    const created = await postForm(
      url(server.base, '/api/customer/update', { apikey: key, create_if_not_exist: '1' }),
      {
        fname: 'Сергей',
        lname: 'Иванов',
        mname: 'Степанович',
        gender: 'F',
        custom_information: 'очень требовательный',
        birth_day: '24',
        birth_month: '10',
        birth_year: '1992',
        accumulated_sales: '15200',
        send_push: '1',
        send_email: '1',
        send_sms: '1',
        age: '99',
      },
    );
    assert.equal(xmlValues(created.text, 'id')[0], '1');
    // The seed's timestamps, which the server would otherwise take from the clock.
    await server.db.updateTable('customers').set({ created_at: seedTime, updated_at: seedTime }).execute();
  });
  after(() => server.close());

  it('lists the seed customer exactly as the vendor example (XML)', async () => {
    const reply = await get(url(server.base, '/api/customer', { apikey: key, format: 'xml' }));
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('content-type'), 'text/xml; charset=UTF-8');
    assert.equal(withSeedAge(reply.text, '1992-10-24'), golden('customer-list.xml'));
  });

  it('keeps every element of the seed example, in its order, with external_id after them', () => {
    // The vendor page's example, verbatim (its count of 2 over one listed customer is the page's own slip).
    const example = golden('seed-example.xml');
    const ours = xmlElementNames(golden('customer-list.xml'));
    const theirs = xmlElementNames(example);
    assert.deepEqual(
      ours.filter((name) => name !== 'external_id'),
      theirs,
    );
  });

  it('the same list in JSON', async () => {
    const reply = await get(url(server.base, '/api/customer', { apikey: key, format: 'json' }));
    assert.equal(reply.headers.get('content-type'), 'application/json; charset=utf-8');
    const body = reply.body as { customers: Array<{ age: string }> };
    assert.equal(body.customers[0]?.age, String(ageToday('1992-10-24')));
    body.customers[0]!.age = '24';
    assert.equal(`${JSON.stringify(body)}\n`, golden('customer-list.json'));
  });

  it('a write reply (the eleventh customer, created)', async () => {
    await seedCustomers(server.db, tenantId, 9);
    const reply = await get(
      url(server.base, '/api/customer/update', {
        apikey: key,
        create_if_not_exist: '1',
        fname: 'Анна',
        lname: 'Петрова',
      }),
    );
    assert.equal(reply.text, golden('update.xml'));
    const json = await get(
      url(server.base, '/api/customer/update', { apikey: key, format: 'json', id: '11', fname: 'Анна' }),
    );
    assert.equal(`${json.text}\n`, golden('update.json'));
  });

  it('an error reply in both formats', async () => {
    const xml = await get(url(server.base, '/api/customer', { apikey: 'ck_wrong', format: 'xml' }));
    assert.equal(xml.status, 200);
    assert.equal(xml.text, golden('error.xml'));
    const json = await get(url(server.base, '/api/customer', { apikey: 'ck_wrong', format: 'json' }));
    assert.equal(json.status, 200);
    assert.equal(`${json.text}\n`, golden('error.json'));
  });
});
