import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countRows, postForm, startServer, tenantWithKey, type TestServer } from '../../helper.ts';
import { secondNode, type Node } from '../../nodes.ts';
import { url } from './support.ts';

interface Saved {
  success: number;
  id?: number;
  isnew?: number;
  info?: string;
}

const CALLS = 30;
let server: TestServer;
let other: Node;
let key: string;

/** The same call `CALLS` times at once, alternating between the two nodes. */
function race(method: string, query: Record<string, string>, form: Record<string, string> = {}) {
  return Promise.all(
    Array.from({ length: CALLS }, (_, i) =>
      postForm<Saved>(
        url(i % 2 === 0 ? server.base : other.base, `/api/customer/${method}`, {
          apikey: key,
          format: 'json',
          ...query,
        }),
        form,
      ),
    ),
  );
}

before(async () => {
  server = await startServer();
  other = await secondNode(server);
  key = (await tenantWithKey(server.db)).key;
});
after(async () => {
  await other.close();
  await server.close();
});

describe('/api/customer/deleteCard, 30 at once on two nodes', () => {
  it('succeeds once; every other call finds no card', async () => {
    const created = await postForm<Saved>(
      url(server.base, '/api/customer/insertCard', { apikey: key, format: 'json', uid: 'RACE-DEL' }),
      {},
    );
    assert.equal(created.body.success, 1, created.text);
    const replies = await race('deleteCard', { uid: 'RACE-DEL' });
    assert.ok(replies.every((r) => r.status === 200));
    const won = replies.filter((r) => r.body.success === 1);
    assert.equal(won.length, 1, JSON.stringify(replies.map((r) => r.body)));
    assert.equal(won[0]?.body.id, created.body.id);
    for (const lost of replies.filter((r) => r.body.success !== 1)) {
      assert.deepEqual(lost.body, { success: 0, info: 'Карта не найдена' });
    }
  });
});

describe('/api/customer/update?create_if_not_exist=1, 30 at once on two nodes', () => {
  it('creates one customer; every other call updates it', async () => {
    const before = await countRows(server.db, 'customers');
    const replies = await race(
      'update',
      { external_id: 'RACE-CUST', create_if_not_exist: '1' },
      { fname: 'Ivan', lname: 'Petrov' },
    );
    assert.ok(
      replies.every((r) => r.status === 200 && r.body.success === 1),
      JSON.stringify(replies.map((r) => r.body)),
    );
    assert.equal(replies.filter((r) => r.body.isnew === 1).length, 1);
    assert.equal(new Set(replies.map((r) => r.body.id)).size, 1);
    assert.equal(await countRows(server.db, 'customers'), before + 1);
  });
});

describe('/api/customer/updateCard?create_if_not_exist=1, 30 at once on two nodes', () => {
  it('creates one card; every other call updates it', async () => {
    const before = await countRows(server.db, 'discount_cards');
    const replies = await race(
      'updateCard',
      { uid: 'RACE-CARD', create_if_not_exist: '1' },
      { status: 'ACTIVE' },
    );
    assert.ok(
      replies.every((r) => r.status === 200 && r.body.success === 1),
      JSON.stringify(replies.map((r) => r.body)),
    );
    assert.equal(replies.filter((r) => r.body.isnew === 1).length, 1);
    assert.equal(new Set(replies.map((r) => r.body.id)).size, 1);
    assert.equal(await countRows(server.db, 'discount_cards'), before + 1);
  });
});

describe('/api/customer/insertCard, 30 at once on two nodes', () => {
  it('creates one card; every other call is refused for the uid, as a later call would be', async () => {
    const replies = await race('insertCard', { uid: 'RACE-INS' });
    const won = replies.filter((r) => r.body.success === 1);
    assert.equal(won.length, 1, JSON.stringify(replies.map((r) => r.body)));
    for (const lost of replies.filter((r) => r.body.success !== 1)) {
      assert.equal(lost.status, 200);
      assert.deepEqual(lost.body, { success: 0, info: 'Карта с таким uid уже существует' });
    }
  });

  it('refuses the cards whose barcode another one took at the same moment, naming the barcode', async () => {
    // 779, 0779, 00779… are different uids with one generated barcode (the EAN-13 of 000000000779).
    const replies = await Promise.all(
      Array.from({ length: CALLS }, (_, i) =>
        postForm<Saved>(
          url(i % 2 === 0 ? server.base : other.base, '/api/customer/insertCard', {
            apikey: key,
            format: 'json',
            uid: `${'0'.repeat(i % 5)}779`,
          }),
          {},
        ),
      ),
    );
    assert.equal(replies.filter((r) => r.body.success === 1).length, 1);
    const infos = new Set(replies.filter((r) => r.body.success !== 1).map((r) => r.body.info));
    const named = ['Карта с таким uid уже существует', 'Карта с таким штрих-кодом уже существует'];
    assert.deepEqual(
      [...infos].filter((info) => !named.includes(info!)),
      [],
    );
  });
});
