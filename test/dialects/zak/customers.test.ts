import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { revokeApiKey } from '../../../src/core/tenants.ts';
import {
  countRows,
  get,
  postForm,
  postJson,
  startServer,
  tenantWithKey,
  type TestServer,
  type TestTenant,
} from '../../helper.ts';
import { zakClient } from './client.ts';

type Data = { data?: any; error?: string };

describe('Zak customers', () => {
  let server: TestServer;
  let tenant: TestTenant;
  let other: TestTenant;
  let call: ReturnType<typeof zakClient>;
  let callOther: ReturnType<typeof zakClient>;

  before(async () => {
    server = await startServer();
    tenant = await tenantWithKey(server.db, 'Hotel One', 'HO');
    other = await tenantWithKey(server.db, 'Hotel Two', 'HT');
    call = zakClient(server.base, tenant.key);
    callOther = zakClient(server.base, other.key);
  });
  after(() => server.close());

  const addMario = async (extra: object = {}) => {
    const r = await call<Data>('customers/add_one', {
      custdata: { name: 'Mario', surname: 'Rossi', ...extra },
    });
    assert.equal(r.status, 200, r.text);
    return r.body.data as number;
  };

  describe('add_one', () => {
    it('creates the seed example customer and returns its id', async () => {
      const r = await call<Data>('customers/add_one', {
        custdata: '{"name": "Mario", "surname": "Rossi", "email":"therealemail@gmail.com", "gender": "m"}',
      });
      assert.equal(r.status, 200);
      assert.deepEqual(Object.keys(r.body), ['data']);
      assert.equal(typeof r.body.data, 'number');
      const fetched = await call<Data>('customers/fetch_one', { id: String(r.body.data) });
      assert.equal(fetched.body.data.main_info.name, 'Mario');
      assert.equal(fetched.body.data.contacts.email, 'therealemail@gmail.com');
      assert.equal(fetched.body.data.anagraphical.gender, 'm');
    });

    it('takes every documented field, the birth_contry spelling and country names', async () => {
      const id = await addMario({
        country: 'it',
        birth_contry: 'Spain',
        residence_country: 'GB',
        birthday: '1/2/1993',
        phone: '+39 333 1234567',
        zipcode: '00100',
        address: 'Via Roma 1',
        city: 'Roma',
        birth_city: 'Madrid',
        email: 'mario@example.com',
        gender: 'M',
      });
      const r = await call<Data>('customers/fetch_one', { id: String(id) });
      const d = r.body.data;
      assert.deepEqual(d.main_info, {
        name: 'Mario',
        surname: 'Rossi',
        country: 'IT',
        city: 'Roma',
        zipcode: '00100',
        cf: null,
        creation: d.main_info.creation,
        address: 'Via Roma 1',
        residence_country: 'GB',
      });
      assert.match(d.main_info.creation, /^\d{2}\/\d{2}\/\d{4}$/);
      assert.deepEqual(d.anagraphical, {
        gender: 'm',
        birth_country: 'ES',
        birth_city: 'Madrid',
        birthday: '01/02/1993',
      });
      assert.deepEqual(d.contacts, { email: 'mario@example.com', phone: '+39 333 1234567' });
    });

    it('accepts a JSON body with custdata as an object, and multipart forms', async () => {
      const json = await postJson<Data>(
        `${server.base}/kp/customers/add_one`,
        { custdata: { name: 'Json', surname: 'Body' } },
        { 'x-api-key': tenant.key },
      );
      assert.equal(json.status, 200, json.text);
      const form = new FormData();
      form.set('custdata', JSON.stringify({ name: 'Multi', surname: 'Part' }));
      const multipart = await fetch(`${server.base}/kp/customers/add_one`, {
        method: 'POST',
        headers: { 'x-api-key': tenant.key },
        body: form,
      });
      assert.equal(multipart.status, 200);
      const id = ((await multipart.json()) as Data).data;
      const r = await call<Data>('customers/fetch_one', { id: String(id) });
      assert.equal(r.body.data.main_info.surname, 'Part');
    });

    describe('multipart forms', () => {
      const send = (body: FormData | string, contentType?: string) =>
        fetch(`${server.base}/kp/customers/add_one`, {
          method: 'POST',
          headers: { 'x-api-key': tenant.key, ...(contentType ? { 'content-type': contentType } : {}) },
          body,
        });

      it('take the last value of a field sent twice, as urlencoded forms do', async () => {
        const form = new FormData();
        form.append('custdata', JSON.stringify({ name: 'First', surname: 'Value' }));
        form.append('custdata', JSON.stringify({ name: 'Second', surname: 'Value' }));
        const r = await send(form);
        assert.equal(r.status, 200);
        const id = ((await r.json()) as Data).data;
        assert.equal(
          (await call<Data>('customers/fetch_one', { id: String(id) })).body.data.main_info.name,
          'Second',
        );
      });

      it('refuse a file part, a broken body and an oversized body, writing nothing', async () => {
        const before = await countRows(server.db, 'customers');
        const withFile = new FormData();
        withFile.set('custdata', JSON.stringify({ name: 'Has', surname: 'File' }));
        withFile.set('passport', new Blob(['%PDF-1.4']), 'passport.pdf');
        const file = await send(withFile);
        assert.deepEqual([file.status, await file.json()], [400, { error: 'malformed request body' }]);

        const broken = await send(
          '--b\r\ncontent-disposition: form-data; name="custdata"\r\n\r\n{',
          'multipart/form-data',
        );
        assert.deepEqual([broken.status, await broken.json()], [400, { error: 'malformed request body' }]);

        const huge = new FormData();
        huge.set('custdata', JSON.stringify({ name: 'x'.repeat(server.config.bodyLimit), surname: 'Huge' }));
        const tooLarge = await send(huge);
        assert.deepEqual(
          [tooLarge.status, await tooLarge.json()],
          [413, { error: 'request body too large' }],
        );
        assert.equal(await countRows(server.db, 'customers'), before);
      });
    });

    for (const [label, custdata, message] of [
      ['a missing name', { surname: 'Rossi' }, 'missing parameter: name'],
      ['a blank surname', { name: 'Mario', surname: '  ' }, 'missing parameter: surname'],
      [
        'an impossible birthday',
        { name: 'M', surname: 'R', birthday: '31/02/2023' },
        'invalid date: birthday',
      ],
      [
        'a birthday in the wrong format',
        { name: 'M', surname: 'R', birthday: '1993-01-10' },
        'invalid date: birthday',
      ],
      ['an unknown country', { name: 'M', surname: 'R', country: 'Atlantis' }, 'invalid country: country'],
      [
        'an unknown birth country',
        { name: 'M', surname: 'R', birth_contry: 'XX' },
        'invalid country: birth_country',
      ],
      ['a wrong gender', { name: 'M', surname: 'R', gender: 'q' }, 'invalid value: gender (m, f or x)'],
      ['a bad e-mail', { name: 'M', surname: 'R', email: 'not-an-email' }, 'invalid value: email'],
      ['a nested object as a field', { name: { first: 'M' }, surname: 'R' }, 'invalid value: name'],
      // JSON numbers stand for text only when they are the digits sent: not 1e400 (Infinity), nor past 2⁵³.
      ['a number JSON cannot hold', '{"name": 1e400, "surname": "R"}', 'invalid value: name'],
      [
        'a phone as a 20-digit number',
        '{"name": "M", "surname": "R", "phone": 12345678901234567890}',
        'invalid value: phone',
      ],
    ] as const) {
      it(`refuses ${label} with 400 and writes nothing`, async () => {
        const before = await countRows(server.db, 'customers');
        const r = await call<Data>('customers/add_one', { custdata: custdata as object });
        assert.equal(r.status, 400);
        assert.deepEqual(r.body, { error: message });
        assert.equal(await countRows(server.db, 'customers'), before);
      });
    }

    it('counts a text in characters, not UTF-16 units: 255 emoji or CJK characters fit, 256 do not', async () => {
      const emoji = '\u{1F600}'.repeat(255);
      const id = await addMario({ name: emoji, address: '\u{20000}'.repeat(255) });
      const fetched = await call<Data>('customers/fetch_one', { id: String(id) });
      assert.equal(fetched.body.data.main_info.name, emoji);
      const r = await call<Data>('customers/add_one', {
        custdata: { name: '\u{1F600}'.repeat(256), surname: 'Rossi' },
      });
      assert.deepEqual(
        [r.status, r.body],
        [400, { error: 'invalid value: name is longer than 255 characters' }],
      );
    });

    it('refuses malformed, missing or non-object custdata', async () => {
      const before = await countRows(server.db, 'customers');
      assert.deepEqual((await call('customers/add_one', { custdata: '{"name": "Mario",' })).body, {
        error: 'invalid JSON: custdata',
      });
      assert.deepEqual((await call('customers/add_one', {})).body, { error: 'missing parameter: custdata' });
      const list = await call('customers/add_one', { custdata: '["Mario"]' });
      assert.equal(list.status, 400);
      assert.deepEqual(list.body, { error: 'invalid parameter: custdata must be a JSON object' });
      assert.equal(await countRows(server.db, 'customers'), before);
    });

    it('refuses a body over the size limit with 413 and writes nothing', async () => {
      const before = await countRows(server.db, 'customers');
      const huge = 'x'.repeat(server.config.bodyLimit + 10);
      const r = await call('customers/add_one', { custdata: { name: huge, surname: 'R' } });
      assert.equal(r.status, 413);
      assert.deepEqual(r.body, { error: 'request body too large' });
      assert.equal(await countRows(server.db, 'customers'), before);
    });
  });

  describe('fetch_one', () => {
    it('returns the seed example shape, documents oldest first', async () => {
      const id = await addMario({
        country: 'PM',
        city: 'Petit Barachois',
        zipcode: '96271',
        email: 'therealemail@gmail.com',
        gender: 'm',
        birth_country: 'PM',
        birth_city: 'Alabama',
        birthday: '10/10/1952',
      });
      await call('customers/upload_docdata', {
        id: String(id),
        docdata: {
          doc_type: 'it_TESDI',
          doc_country: 'PM',
          doc_number: '1',
          doc_issue: '27/11/1989',
          doc_expiry: '21/06/2027',
        },
      });
      await call('customers/upload_docdata', {
        id: String(id),
        docdata: {
          doc_type: 'p',
          doc_country: 'IT',
          doc_number: '123ABC456',
          doc_issue: '01/01/2010',
          doc_expiry: '01/01/2030',
        },
      });
      const r = await call<Data>('customers/fetch_one', { id: String(id) });
      assert.equal(r.status, 200);
      const { creation, ...mainInfo } = r.body.data.main_info;
      assert.match(creation, /^\d{2}\/\d{2}\/\d{4}$/);
      assert.deepEqual(
        { ...r.body.data, main_info: mainInfo },
        {
          main_info: {
            name: 'Mario',
            surname: 'Rossi',
            country: 'PM',
            city: 'Petit Barachois',
            zipcode: '96271',
            cf: null,
            address: null,
            residence_country: null,
          },
          anagraphical: { gender: 'm', birth_country: 'PM', birth_city: 'Alabama', birthday: '10/10/1952' },
          contacts: { email: 'therealemail@gmail.com', phone: null },
          billing_info: { address: null, city: null, zip: null, country: null, name: null, vat_number: null },
          doc_data: [
            {
              doc_type: 'it_TESDI',
              doc_country: 'PM',
              doc_number: '1',
              doc_issuer: null,
              doc_issue: '27/11/1989',
              doc_expiry: '21/06/2027',
              doc_medium: null,
            },
            {
              doc_type: 'p',
              doc_country: 'IT',
              doc_number: '123ABC456',
              doc_issuer: null,
              doc_issue: '01/01/2010',
              doc_expiry: '01/01/2030',
              doc_medium: null,
            },
          ],
        },
      );
      assert.deepEqual(Object.keys(r.body.data.main_info), [
        'name',
        'surname',
        'country',
        'city',
        'zipcode',
        'cf',
        'creation',
        'address',
        'residence_country',
      ]);
    });

    it('reads the id from the query string, a JSON body, and GET; Basic auth works too', async () => {
      const id = await addMario();
      const viaQuery = await postForm<Data>(
        `${server.base}/kp/customers/fetch_one?id=${id}`,
        {},
        { 'x-api-key': tenant.key },
      );
      assert.equal(viaQuery.body.data.main_info.name, 'Mario');
      const viaGet = await get<Data>(`${server.base}/kp/customers/fetch_one?id=${id}`, {
        'x-api-key': tenant.key,
      });
      assert.equal(viaGet.status, 200);
      const basic = `Basic ${Buffer.from(`${tenant.key}:`).toString('base64')}`;
      const viaJson = await postJson<Data>(
        `${server.base}/kp/customers/fetch_one`,
        { id },
        { authorization: basic },
      );
      assert.equal(viaJson.status, 200);
      const bodyWins = await postForm<Data>(
        `${server.base}/kp/customers/fetch_one?id=999999`,
        { id: String(id) },
        { 'x-api-key': tenant.key },
      );
      assert.equal(bodyWins.status, 200);
    });

    for (const id of ['undefined', 'abc', '-1', '0', '1.5', '99999999999']) {
      it(`answers id=${id} with 400, never a crash`, async () => {
        const r = await call('customers/fetch_one', { id });
        assert.equal(r.status, 400);
        assert.deepEqual(r.body, { error: 'invalid parameter: id' });
      });
    }

    it('answers a missing id with 400', async () => {
      const r = await call('customers/fetch_one', {});
      assert.equal(r.status, 400);
      assert.deepEqual(r.body, { error: 'missing parameter: id' });
    });

    it("shows another tenant's customer exactly like a missing one", async () => {
      const id = await addMario();
      // With a document too: its row is joined to the customer's, and must not answer for another tenant.
      const uploaded = await call('customers/upload_docdata', {
        id: String(id),
        docdata: {
          doc_type: 'p',
          doc_country: 'IT',
          doc_number: 'FOREIGN1',
          doc_issue: '01/01/2020',
          doc_expiry: '01/01/2030',
        },
      });
      assert.equal(uploaded.status, 200);
      const foreign = await callOther('customers/fetch_one', { id: String(id) });
      const missing = await callOther('customers/fetch_one', { id: '987654' });
      assert.equal(foreign.status, 404);
      assert.deepEqual(foreign.body, { error: 'customer not found' });
      assert.deepEqual(foreign.body, missing.body);
      assert.equal(foreign.status, missing.status);
    });
  });

  describe('update_custdata', () => {
    it('changes only the given fields (seed example)', async () => {
      const id = await addMario({ city: 'Roma', gender: 'f' });
      const r = await call<Data>('customers/update_custdata', {
        id: String(id),
        custdata: '{"name": "Mario", "email":"therealemail@gmail.com", "gender": "m"}',
      });
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { data: id });
      const d = (await call<Data>('customers/fetch_one', { id: String(id) })).body.data;
      assert.equal(d.contacts.email, 'therealemail@gmail.com');
      assert.equal(d.anagraphical.gender, 'm');
      assert.equal(d.main_info.city, 'Roma');
      assert.equal(d.main_info.surname, 'Rossi');
    });

    it('clears an optional field given as null or empty, never name or surname', async () => {
      const id = await addMario({ city: 'Roma' });
      await call('customers/update_custdata', { id: String(id), custdata: { city: '' } });
      assert.equal(
        (await call<Data>('customers/fetch_one', { id: String(id) })).body.data.main_info.city,
        null,
      );
      const r = await call('customers/update_custdata', { id: String(id), custdata: { surname: null } });
      assert.equal(r.status, 400);
      assert.deepEqual(r.body, { error: 'missing parameter: surname' });
    });

    it('needs at least one field and refuses bad values without changing anything', async () => {
      const id = await addMario({ city: 'Roma' });
      assert.equal((await call('customers/update_custdata', { id: String(id), custdata: {} })).status, 400);
      const bad = await call('customers/update_custdata', {
        id: String(id),
        custdata: { city: 'Milano', birthday: '30/02/2000' },
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body, { error: 'invalid date: birthday' });
      assert.equal(
        (await call<Data>('customers/fetch_one', { id: String(id) })).body.data.main_info.city,
        'Roma',
      );
    });

    it("never touches another tenant's customer", async () => {
      const id = await addMario();
      const r = await callOther('customers/update_custdata', {
        id: String(id),
        custdata: { name: 'Hacked' },
      });
      assert.equal(r.status, 404);
      assert.deepEqual(r.body, { error: 'customer not found' });
      assert.equal(
        (await call<Data>('customers/fetch_one', { id: String(id) })).body.data.main_info.name,
        'Mario',
      );
    });
  });

  describe('upload_docdata', () => {
    it('stores the seed example with the country name as its ISO code', async () => {
      const id = await addMario();
      const r = await call<Data>('customers/upload_docdata', {
        id: String(id),
        docdata:
          '{"doc_type": "p", "doc_country": "Italy", "doc_number": "123ABC456", "doc_issue": "01/01/2010", "doc_expiry": "01/01/2030"}',
      });
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { data: id });
      const docs = (await call<Data>('customers/fetch_one', { id: String(id) })).body.data.doc_data;
      assert.deepEqual(docs, [
        {
          doc_type: 'p',
          doc_country: 'IT',
          doc_number: '123ABC456',
          doc_issuer: null,
          doc_issue: '01/01/2010',
          doc_expiry: '01/01/2030',
          doc_medium: null,
        },
      ]);
    });

    it('replaces a document of the same type and number', async () => {
      const id = await addMario();
      const doc = {
        doc_type: 'i',
        doc_country: 'italy',
        doc_number: 'CA00000AA',
        doc_issue: '30/05/2022',
        doc_expiry: '30/12/2031',
      };
      await call('customers/upload_docdata', { id: String(id), docdata: doc });
      await call('customers/upload_docdata', {
        id: String(id),
        docdata: { ...doc, doc_issuer: 'Comune di Roma', doc_expiry: '30/12/2032' },
      });
      const docs = (await call<Data>('customers/fetch_one', { id: String(id) })).body.data.doc_data;
      assert.equal(docs.length, 1);
      assert.equal(docs[0].doc_issuer, 'Comune di Roma');
      assert.equal(docs[0].doc_expiry, '30/12/2032');
    });

    it('returns every document oldest first, text as it was stored', async () => {
      const id = await addMario();
      const issuers = ['МВД "Москва" \\ 1', 'Questura <Roma> & co'];
      for (const [i, issuer] of issuers.entries()) {
        await call('customers/upload_docdata', {
          id: String(id),
          docdata: {
            doc_type: 'p',
            doc_country: 'IT',
            doc_number: `N${i}`,
            doc_issuer: issuer,
            doc_issue: '01/01/2020',
            doc_expiry: '01/01/2030',
          },
        });
      }
      const docs = (await call<Data>('customers/fetch_one', { id: String(id) })).body.data.doc_data;
      assert.deepEqual(
        docs.map((d: { doc_number: string; doc_issuer: string }) => [d.doc_number, d.doc_issuer]),
        [
          ['N0', issuers[0]],
          ['N1', issuers[1]],
        ],
      );
    });

    const good = {
      doc_type: 'it_IDENT',
      doc_country: 'IT',
      doc_number: 'AB123',
      doc_issue: '01/01/2010',
      doc_expiry: '01/01/2030',
    };
    for (const [label, docdata, message] of [
      ['an unknown document type', { ...good, doc_type: 'zz' }, 'invalid document type: zz'],
      ['an unknown Italian code', { ...good, doc_type: 'it_NOPE' }, 'invalid document type: it_NOPE'],
      ['an unknown country', { ...good, doc_country: 'Narnia' }, 'invalid country: doc_country'],
      ['an impossible issue date', { ...good, doc_issue: '31/02/2023' }, 'invalid date: doc_issue'],
      [
        'expiry before issue',
        { ...good, doc_expiry: '01/01/2009' },
        'invalid date: doc_expiry must follow doc_issue',
      ],
      ['a missing number', { ...good, doc_number: undefined }, 'missing parameter: doc_number'],
      ['a missing expiry', { ...good, doc_expiry: undefined }, 'missing parameter: doc_expiry'],
      // Texts are at most 255 characters in a document as in the customer (zak.md, Field values).
      [
        'a number of 256 characters',
        { ...good, doc_number: '9'.repeat(256) },
        'invalid value: doc_number is longer than 255 characters',
      ],
      [
        'an issuer of 256 characters',
        { ...good, doc_issuer: 'x'.repeat(256) },
        'invalid value: doc_issuer is longer than 255 characters',
      ],
    ] as const) {
      it(`refuses ${label} with 400 and writes nothing`, async () => {
        const id = await addMario();
        const before = await countRows(server.db, 'customer_documents');
        const r = await call('customers/upload_docdata', { id: String(id), docdata: docdata as object });
        assert.equal(r.status, 400);
        assert.deepEqual(r.body, { error: message });
        assert.equal(await countRows(server.db, 'customer_documents'), before);
      });
    }

    it("refuses malformed docdata and another tenant's customer", async () => {
      const id = await addMario();
      const before = await countRows(server.db, 'customer_documents');
      assert.deepEqual(
        (await call('customers/upload_docdata', { id: String(id), docdata: '{"doc_type":' })).body,
        { error: 'invalid JSON: docdata' },
      );
      const foreign = await callOther('customers/upload_docdata', { id: String(id), docdata: good });
      assert.equal(foreign.status, 404);
      assert.deepEqual(foreign.body, { error: 'customer not found' });
      assert.equal(await countRows(server.db, 'customer_documents'), before);
    });
  });

  describe('authentication and unknown calls', () => {
    it('answers a missing, unknown or revoked key with 401 Authentication error', async () => {
      const id = await addMario();
      const revoked = await tenantWithKey(server.db, 'Gone', 'GO');
      await revokeApiKey(server.db, String(revoked.keyId));
      const attempts: Record<string, string>[] = [
        {},
        { 'x-api-key': 'ck_not-a-key' },
        { 'x-api-key': revoked.key },
      ];
      for (const headers of attempts) {
        const r = await postForm(`${server.base}/kp/customers/fetch_one`, { id: String(id) }, headers);
        assert.equal(r.status, 401);
        assert.deepEqual(r.body, { error: 'Authentication error' });
      }
    });

    it('answers an unknown call with 404 Wrong api name', async () => {
      const r = await call('customers/fetch_all', {});
      assert.equal(r.status, 404);
      assert.deepEqual(r.body, { error: 'Wrong api name: fetch_all' });
      const group = await call('nothing/here', {});
      assert.deepEqual(group.body, { error: 'Wrong api name: here' });
      const proto = await call('customers/__proto__', {});
      assert.equal(proto.status, 404);
      const inherited = await call('customers/constructor', {});
      assert.deepEqual([inherited.status, inherited.body], [404, { error: 'Wrong api name: constructor' }]);
      const cased = await call('customers/Fetch_One', {});
      assert.deepEqual([cased.status, cased.body], [404, { error: 'Wrong api name: Fetch_One' }]);
    });

    it('checks the key before the call name', async () => {
      const r = await postForm(`${server.base}/kp/customers/fetch_all`, {}, { 'x-api-key': 'ck_not-a-key' });
      assert.deepEqual([r.status, r.body], [401, { error: 'Authentication error' }]);
    });

    it('answers a malformed JSON body with 400', async () => {
      const r = await postJson(`${server.base}/kp/customers/add_one`, '{"custdata": ', {
        'x-api-key': tenant.key,
      });
      assert.equal(r.status, 400);
      assert.deepEqual(r.body, { error: 'malformed JSON body' });
    });

    it('answers a body in another content type, text/plain included, with 415 and writes nothing', async () => {
      const before = await countRows(server.db, 'customers');
      const custdata = JSON.stringify({ name: 'Plain', surname: 'Text' });
      for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/xml']) {
        const r = await fetch(`${server.base}/kp/customers/add_one`, {
          method: 'POST',
          headers: { 'x-api-key': tenant.key, 'content-type': type },
          body: `custdata=${encodeURIComponent(custdata)}`,
        });
        assert.deepEqual([r.status, await r.json()], [415, { error: 'unsupported content type' }], type);
      }
      assert.equal(await countRows(server.db, 'customers'), before);
      // An empty text/plain body (what `fetch` sends for `body: ''`) is no parameters, as an empty JSON body is.
      const id = await addMario();
      const empty = await fetch(`${server.base}/kp/customers/fetch_one?id=${id}`, {
        method: 'POST',
        headers: { 'x-api-key': tenant.key, 'content-type': 'text/plain;charset=UTF-8' },
        body: '',
      });
      assert.equal(empty.status, 200);
    });
  });
});
