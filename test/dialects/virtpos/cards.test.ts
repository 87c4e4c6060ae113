import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countRows, get, postForm, startServer, tenantWithKey, type TestServer } from '../../helper.ts';
import { url, xmlValues } from './support.ts';

type Card = Record<string, unknown>;
interface Saved {
  success: number;
  id: number;
  isnew?: number;
  info?: string;
}

let server: TestServer;
let key: string;
let otherKey: string;
let owner: number;
let ownerExternal: string;

const call = (method: string, query: Record<string, string>, form: Record<string, string> = {}) =>
  postForm<Saved>(
    url(server.base, `/api/customer/${method}`, { apikey: key, format: 'json', ...query }),
    form,
  );

/** The cards of the owner, read back through the listing. */
async function cardsOf(customerId: number): Promise<Card[]> {
  const reply = await get<{ customers: Array<{ cards: Card[] }> }>(
    url(server.base, '/api/customer', { apikey: key, format: 'json', id: String(customerId), cards: '1' }),
  );
  return reply.body.customers[0]?.cards ?? [];
}
const cardOf = async (customerId: number, id: number) =>
  (await cardsOf(customerId)).find((c) => c.id === id) ?? {};

before(async () => {
  server = await startServer();
  key = (await tenantWithKey(server.db)).key;
  otherKey = (await tenantWithKey(server.db, 'Other', 'OT')).key;
  ownerExternal = 'CUST-1';
  const saved = await postForm<Saved>(
    url(server.base, '/api/customer/update', { apikey: key, format: 'json', create_if_not_exist: '1' }),
    {
      fname: 'Карл',
      lname: 'Картов',
      external_id: ownerExternal,
    },
  );
  owner = saved.body.id;
});
after(() => server.close());

describe('/api/customer/insertCard', () => {
  it('creates a card with its EAN-13 code and barcode generated from the uid', async () => {
    const saved = await call(
      'insertCard',
      { uid: '400638133393' },
      { customer_id: String(owner), type_name: 'Золотая' },
    );
    assert.equal(saved.body.success, 1);
    assert.equal(saved.body.isnew, 1);
    const card = await cardOf(owner, saved.body.id);
    assert.equal(card.uid_ean13, '4006381333931');
    assert.equal(card.barcode, '4006381333931');
    assert.equal(card.medium, 'PLASTIC');
    assert.equal(card.status, 'NEW');
    assert.equal(card.type_name, 'Золотая');
    assert.equal(card.customer_id, String(owner));
  });

  it('a uid longer than 12 digits (or not digits) gets no generated code; given codes are kept', async () => {
    const long = await call('insertCard', { uid: '1234567890123' }, { customer_id: String(owner) });
    const card = await cardOf(owner, long.body.id);
    assert.equal(card.uid, '1234567890123');
    assert.equal(card.uid_ean13, null);
    assert.equal(card.barcode, null);
    const given = await call(
      'insertCard',
      { uid: 'VIP-77' },
      { customer_id: String(owner), barcode: '2000000000015', uid_ean13: '123' },
    );
    const kept = await cardOf(owner, given.body.id);
    assert.deepEqual([kept.uid_ean13, kept.barcode], ['123', '2000000000015']);
  });

  it('refuses a uid, external_id or barcode another card has, writing nothing', async () => {
    await call(
      'insertCard',
      { uid: '555', external_id: '1C-CARD-1' },
      { customer_id: String(owner), barcode: 'BC-1' },
    );
    const before = await countRows(server.db, 'discount_cards');
    assert.deepEqual((await call('insertCard', { uid: '555' })).body, {
      success: 0,
      info: 'Карта с таким uid уже существует',
    });
    assert.deepEqual((await call('insertCard', { uid: '556', external_id: '1C-CARD-1' })).body, {
      success: 0,
      info: 'Карта с таким external_id уже существует',
    });
    assert.deepEqual((await call('insertCard', { uid: '557' }, { barcode: 'BC-1' })).body, {
      success: 0,
      info: 'Карта с таким штрих-кодом уже существует',
    });
    // 0560 pads to the same EAN-13 as 560, so its generated barcode collides with 560's.
    await call('insertCard', { uid: '560' });
    const withGenerated = await countRows(server.db, 'discount_cards');
    assert.deepEqual((await call('insertCard', { uid: '0560' })).body, {
      success: 0,
      info: 'Карта с таким штрих-кодом уже существует',
    });
    assert.equal(await countRows(server.db, 'discount_cards'), withGenerated);
    assert.equal(await countRows(server.db, 'discount_cards'), before + 1);
  });

  it('reads uid and external_id from the query only; a card needs a uid', async () => {
    assert.deepEqual((await call('insertCard', {}, { uid: '777' })).body, {
      success: 0,
      info: 'Не указан параметр uid',
    });
  });

  it('owner by id or external id; an unknown owner, or another tenant’s, is an error', async () => {
    const byExternal = await call('insertCard', { uid: '900' }, { customer_external_id: ownerExternal });
    assert.equal((await cardOf(owner, byExternal.body.id)).customer_id, String(owner));
    const foreign = await postForm<Saved>(
      url(server.base, '/api/customer/update', {
        apikey: otherKey,
        format: 'json',
        create_if_not_exist: '1',
      }),
      {
        fname: 'Ч',
        lname: 'Ж',
        external_id: 'FOREIGN',
      },
    );
    for (const form of [
      { customer_id: '999999' },
      { customer_id: String(foreign.body.id) },
      { customer_external_id: 'FOREIGN' },
    ] as Array<Record<string, string>>) {
      assert.deepEqual((await call('insertCard', { uid: '901' }, form)).body, {
        success: 0,
        info: 'Клиент не найден',
      });
    }
  });

  it('validates medium, status, dates and type', async () => {
    const saved = await call(
      'insertCard',
      { uid: '910' },
      {
        customer_id: String(owner),
        medium: 'app',
        status: 'Active',
        activate_date: '01.02.2024',
        block_date: '2025-03-04',
      },
    );
    const card = await cardOf(owner, saved.body.id);
    assert.deepEqual(
      [card.medium, card.status, card.activate_date, card.block_date],
      ['APP', 'ACTIVE', '2024-02-01', '2025-03-04'],
    );
    const errors: Array<[Record<string, string>, string]> = [
      [{ medium: 'PAPER' }, 'Неверное значение параметра medium'],
      [{ status: 'LOST' }, 'Неверное значение параметра status'],
      [{ block_date: '31.02.2024' }, 'Неверное значение параметра block_date'],
      [{ type_id: '999999' }, 'Тип карты не найден'],
      [{ type_id: 'x' }, 'Неверное значение параметра type_id'],
    ];
    for (const [form, info] of errors) {
      assert.deepEqual(
        (await call('insertCard', { uid: '911' }, form)).body,
        { success: 0, info },
        JSON.stringify(form),
      );
    }
  });
});

describe('/api/customer/updateCard', () => {
  let a: number;
  let b: number;
  before(async () => {
    a = (
      await call(
        'insertCard',
        { uid: '1001', external_id: 'EXT-A' },
        { customer_id: String(owner), barcode: 'BAR-A' },
      )
    ).body.id;
    b = (
      await call(
        'insertCard',
        { uid: '1002', external_id: 'EXT-B' },
        { customer_id: String(owner), barcode: 'BAR-B' },
      )
    ).body.id;
  });

  it('looks up by card_id first, then uid, external_id and card_barcode', async () => {
    // card_id finds A: the barcode of B is not looked at.
    await call('updateCard', { card_id: String(a), card_barcode: 'BAR-B' }, { status: 'ACTIVE' });
    assert.equal((await cardOf(owner, a)).status, 'ACTIVE');
    assert.equal((await cardOf(owner, b)).status, 'NEW');
    // A card_id that finds nothing falls through to the uid.
    assert.deepEqual(
      (await call('updateCard', { card_id: '999999', uid: '1002' }, { medium: 'MAGNET' })).body,
      {
        success: 1,
        id: b,
        isnew: 0,
      },
    );
    assert.equal((await cardOf(owner, b)).medium, 'MAGNET');
    // external_id before card_barcode.
    assert.equal(
      (await call('updateCard', { external_id: 'EXT-A', card_barcode: 'BAR-B' }, { medium: 'APP' })).body.id,
      a,
    );
    // Only the barcode: the last key.
    assert.equal(
      (await call('updateCard', { card_barcode: 'BAR-B' }, { type_name: 'Серебряная' })).body.id,
      b,
    );
    // A uid that finds nothing falls through to external_id, and becomes the card's new uid.
    assert.equal((await call('updateCard', { uid: '2001', external_id: 'EXT-A' })).body.id, a);
    const moved = await cardOf(owner, a);
    assert.deepEqual([moved.uid, moved.uid_ean13, moved.barcode], ['2001', '0000000020015', 'BAR-A']);
  });

  it('not found (or another tenant’s card) without create_if_not_exist; with it, a new card', async () => {
    const missing = await call('updateCard', { card_id: '999999' }, { status: 'ACTIVE' });
    assert.deepEqual(missing.body, { success: 0, info: 'Карта не найдена' });
    const foreignCard = await postForm<Saved>(
      url(server.base, '/api/customer/insertCard', { apikey: otherKey, format: 'json', uid: '1001' }),
      {},
    );
    assert.equal(foreignCard.body.success, 1, 'uids are unique per tenant only');
    assert.deepEqual(
      (await call('updateCard', { card_id: String(foreignCard.body.id) }, { status: 'ACTIVE' })).body,
      missing.body,
    );
    assert.deepEqual((await call('updateCard', {}, { status: 'ACTIVE' })).body, {
      success: 0,
      info: 'Не указан параметр card_id',
    });
    const created = await call(
      'updateCard',
      { uid: '3001', create_if_not_exist: '1' },
      { customer_id: String(owner) },
    );
    assert.equal(created.body.isnew, 1);
    assert.equal((await cardOf(owner, created.body.id)).uid_ean13, '0000000030014');
  });

  it('blocking dates the card today unless a date is given; the method name is case-insensitive', async () => {
    await call('UPDATECARD', { card_id: String(b) }, { status: 'blocked' });
    assert.equal((await cardOf(owner, b)).block_date, new Date().toISOString().slice(0, 10));
    const reply = await get(
      url(server.base, '/api/customer/updatecard', { apikey: key, card_id: String(b), status: 'NEW' }),
    );
    assert.deepEqual(xmlValues(reply.text, 'isnew'), ['0']);
  });

  it('refuses to give a card the uid of another', async () => {
    assert.deepEqual((await call('updateCard', { card_id: String(b), uid: '3001' })).body, {
      success: 0,
      info: 'Карта с таким uid уже существует',
    });
  });
});

describe('/api/customer/deleteCard', () => {
  it('deletes one card found by any lookup key (query only)', async () => {
    const ids = [];
    for (const uid of ['4001', '4002', '4003', '4004']) {
      ids.push(
        (
          await call(
            'insertCard',
            { uid, external_id: `E${uid}` },
            { customer_id: String(owner), barcode: `B${uid}` },
          )
        ).body.id,
      );
    }
    assert.deepEqual((await call('deleteCard', { card_id: String(ids[0]) })).body, {
      success: 1,
      id: ids[0],
    });
    assert.equal((await call('deleteCard', { uid: '4002' })).body.id, ids[1]);
    assert.equal((await call('deleteCard', { external_id: 'E4003' })).body.id, ids[2]);
    const xml = await get(
      url(server.base, '/api/customer/deleteCard', { apikey: key, card_barcode: 'B4004' }),
    );
    assert.deepEqual(xmlValues(xml.text, 'id'), [String(ids[3])]);
    const left = (await cardsOf(owner)).map((c) => c.id);
    assert.ok(ids.every((id) => !left.includes(id)));
  });

  it('a missing card, another tenant’s, or keys in the body only', async () => {
    const foreign = await postForm<Saved>(
      url(server.base, '/api/customer/insertCard', { apikey: otherKey, format: 'json', uid: '5001' }),
      {},
    );
    const missing = await call('deleteCard', { card_id: '999999' });
    assert.deepEqual(missing.body, { success: 0, info: 'Карта не найдена' });
    assert.deepEqual((await call('deleteCard', { card_id: String(foreign.body.id) })).body, missing.body);
    assert.deepEqual((await call('deleteCard', {}, { uid: '5001' })).body, {
      success: 0,
      info: 'Не указан параметр card_id',
    });
    assert.equal(await countRows(server.db, 'discount_cards'), await countRows(server.db, 'discount_cards'));
  });
});
