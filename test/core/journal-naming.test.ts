import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  entryNamesPerson,
  partsNamingOthers,
  STREAMED,
  type EntryTexts,
  type OwnMarks,
  type PersonMarks,
} from '../../src/core/journal-naming.ts';
import { phoneKey } from '../../src/core/phones.ts';

const person: PersonMarks = { id: 42, email: 'Anna@Example.it', phones: ['347 123 4567', '+393471234567'] };

function entry(call: string, path: string, request: unknown, reply: unknown, dialect = 'zak'): EntryTexts {
  const text = (v: unknown) => (v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));
  return {
    dialect,
    call,
    path,
    request_body: text(request),
    reply_body: text(reply),
  };
}

describe('which journal entries name a person', () => {
  it('finds the id where a call carries a customer id', () => {
    const named = [
      entry('customers/fetch_one', '/kp/customers/fetch_one', { id: '42' }, { data: { main_info: {} } }),
      entry('customers/fetch_one', '/kp/customers/fetch_one?id=42', null, null),
      entry('customers/add_one', '/kp/customers/add_one', { custdata: '{"name":"A"}' }, { data: 42 }),
      entry('reservations/bind_customer', '/kp/reservations/bind_customer', { customer_id: '42' }, {}),
      entry(
        'reservations/fetch_one_reservation',
        '/kp/reservations/fetch_one_reservation',
        { id: '7' },
        { data: { rooms: [{ id: 3, customers: [{ checkin: null, id: 42 }] }] } },
      ),
      entry('reservations/new', '/kp/reservations/new', { params: '{"customer":{"id":42}}' }, {}),
      entry(
        'customer',
        '/api/customer?format=xml',
        null,
        '<root><customer><id>42</id></customer></root>',
        'virtpos',
      ),
      entry('customer/insertCard', '/api/customer/insertCard', { customer_id: '42' }, '<root/>', 'virtpos'),
    ];
    for (const e of named) assert.ok(entryNamesPerson(e, person), JSON.stringify(e));
  });

  it('does not take another number for them: a reservation id, a room, a price, an id in another call', () => {
    const others = [
      entry('reservations/fetch_one_reservation', '/kp/reservations/fetch_one_reservation', { id: '42' }, {}),
      entry('reservations/new', '/kp/reservations/new', { params: '{"rooms":[{"room":42,"price":42}]}' }, {}),
      entry('reservations/new', '/kp/reservations/new', {}, { data: 42 }),
      entry('customers/fetch_one', '/kp/customers/fetch_one', { id: '420' }, { data: { zipcode: '42' } }),
      entry('customer/insertCard', '/api/customer/insertCard', null, '<root><id>42</id></root>', 'virtpos'),
      entry(
        'customer',
        '/api/customer?cards=1',
        null,
        '<root><customer><id>7</id><cards><card><id>42</id></card></cards></customer></root>',
        'virtpos',
      ),
      entry(
        'customer',
        '/api/customer?cards=1',
        null,
        { customers: [{ id: 7, cards: [{ id: 42 }] }] },
        'virtpos',
      ),
    ];
    for (const e of others) assert.ok(!entryNamesPerson(e, person), JSON.stringify(e));
  });

  it('finds their e-mail in any case and their phone as written or in E.164, anywhere', () => {
    const call = 'reservations/new';
    for (const body of [
      { params: '{"customer":{"email":"anna@example.IT"}}' },
      { params: '{"customer":{"phone":"347 123 4567"}}' },
      { phone: '+393471234567' },
    ])
      assert.ok(
        entryNamesPerson(entry(call, '/kp/reservations/new', body, {}), person),
        JSON.stringify(body),
      );
    assert.ok(
      !entryNamesPerson(entry(call, '/kp/reservations/new', { phone: '+39 06 1234567' }, {}), person),
    );
  });

  it('finds their e-mail and phone in a query string as sent, encoded (%40, %2B, spaces as + or %20)', () => {
    const empty = '{"success":1,"type":"customer","count":0,"customers":[]}';
    for (const path of [
      '/api/customer?apikey=[redacted]&format=json&email=anna%40example.it&with_phone=false',
      '/api/customer?apikey=[redacted]&format=json&phone=%2B393471234567',
      '/api/customer?apikey=[redacted]&format=json&phone=347+123+4567',
      '/api/customer?apikey=[redacted]&format=json&phone=347%20123%204567',
    ])
      assert.ok(entryNamesPerson(entry('customer', path, null, empty, 'virtpos'), person), path);
    // A path that is not valid percent-encoding is read as it is.
    assert.ok(
      !entryNamesPerson(entry('customer', '/api/customer?q=%E0%A4%A', null, empty, 'virtpos'), person),
    );
  });

  it('tells which parts of an entry name someone else: another id, e-mail or phone, or a cut reply', () => {
    const own: OwnMarks = {
      ids: [42, 7],
      emails: ['Anna@Example.it', 'anna.old@example.it'],
      phoneKeys: ['393471234567'],
    };
    const others = (e: EntryTexts) => partsNamingOthers(e, own, (p) => phoneKey(p, 'IT'));
    const fetch = { data: { contacts: { email: 'ANNA@example.it', phone: '347 123 4567' } } };
    assert.deepEqual(
      others(entry('customers/fetch_one', '/kp/customers/fetch_one', { id: '42' }, fetch)),
      [],
    );
    assert.deepEqual(
      others(
        entry(
          'customers/add_one',
          '/kp/customers/add_one',
          { custdata: '{"email":"anna.old@example.it"}' },
          { data: 7 },
        ),
      ),
      [],
    );
    const cards =
      '<root><customers><customer><id>42</id><cards><card><id>9</id><customer_id>42</customer_id></card></cards>' +
      '</customer></customers></root>';
    assert.deepEqual(
      others(entry('customer', '/api/customer?id=42', null, cards, 'virtpos')),
      [],
      "a card's id is no customer's",
    );
    const two =
      '<root><customers><customer><id>42</id></customer><customer><id>43</id></customer></customers></root>';
    assert.deepEqual(others(entry('customer', '/api/customer?page=1', null, two, 'virtpos')), ['reply_body']);
    assert.deepEqual(
      others(
        entry(
          'customer',
          '/api/customer?email=bruno%40example.it',
          null,
          '{"customers":[{"id":42}]}',
          'virtpos',
        ),
      ),
      ['path'],
    );
    assert.deepEqual(
      others(entry('customer', '/api/customer?phone=%2B39+06+1234567', null, null, 'virtpos')),
      ['path'],
    );
    assert.deepEqual(
      others(
        entry(
          'reservations/new',
          '/kp/reservations/new',
          { params: '{"customer":{"id":42,"phone":"06 1234567"}}' },
          {},
        ),
      ),
      ['request_body'],
    );
    const cut = '{"data":[{"customer":42},{"cus…[cut at 4096 characters]';
    const streamed = entry('customer', '/api/customer?phone=347+123+4567', null, STREAMED, 'virtpos');
    assert.deepEqual(others(streamed), [], 'a streamed reply holds nothing');
    assert.deepEqual(
      others(entry('reservations/fetch_reservations', '/kp/reservations/fetch_reservations', {}, cut)),
      ['reply_body'],
      'its rest may name anyone',
    );
  });
});
