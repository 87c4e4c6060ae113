import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { preparedInsert } from '../../src/store/prepared.ts';
import { freshStore, tenantWithKey, type TestStore } from '../helper.ts';

// The booking path's inserts are compiled once per shape and reused with new values: what reaches the table must
// be exactly the row given, whatever shape ran before it.
describe('preparedInsert', () => {
  let store: TestStore;
  let tenantId: number;
  const insert = preparedInsert('customers', 'id');
  const at = new Date().toISOString();
  const customer = (fields: Record<string, string | number | null | undefined>) => ({
    tenant_id: tenantId,
    created_at: at,
    updated_at: at,
    ...fields,
  });
  const read = (id: number) =>
    store.db
      .selectFrom('customers')
      .select(['name', 'surname', 'email', 'phone', 'send_sms'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  before(async () => {
    store = await freshStore();
    tenantId = (await tenantWithKey(store.db)).id;
  });
  after(() => store.drop());

  it('writes each row as given, reusing a shape with new values, leaving undefined columns to their default', async () => {
    const [a] = await insert(store.db, [customer({ name: 'Ann', surname: 'One', email: 'a@example.com' })]);
    const [b] = await insert(store.db, [customer({ name: "O'Brien", surname: 'Two', email: null })]);
    const [c] = await insert(store.db, [
      customer({ name: 'Cy', surname: 'Three', phone: '+39 1', email: undefined }),
    ]);
    assert.deepEqual(await read(a!.id), {
      name: 'Ann',
      surname: 'One',
      email: 'a@example.com',
      phone: null,
      send_sms: 0,
    });
    assert.deepEqual(await read(b!.id), {
      name: "O'Brien",
      surname: 'Two',
      email: null,
      phone: null,
      send_sms: 0,
    });
    assert.deepEqual(await read(c!.id), {
      name: 'Cy',
      surname: 'Three',
      email: null,
      phone: '+39 1',
      send_sms: 0,
    });
  });

  it('writes several rows in one statement and returns their ids', async () => {
    const rows = [1, 2, 3].map((i) => customer({ name: `Many${i}`, surname: 'Rows' }));
    const ids = await insert(store.db, rows);
    const names = await Promise.all(ids.map(async ({ id }) => (await read(id)).name));
    assert.deepEqual(names.sort(), ['Many1', 'Many2', 'Many3']);
  });

  it('refuses rows of different columns in one call', async () => {
    await assert.rejects(
      insert(store.db, [
        customer({ name: 'A', surname: 'B' }),
        customer({ name: 'C', surname: 'D', email: 'x@y.z' }),
      ]),
      /same columns/,
    );
  });
});
