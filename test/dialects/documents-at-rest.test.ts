import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addDataKey, currentKeyId, DataKeyError, openDataKeys } from '../../src/core/data-keys.ts';
import { openDocumentKeys } from '../../src/core/document-keys.ts';
import { sealDocuments } from '../../src/core/document-seal.ts';
import {
  postForm,
  runCli,
  startServer,
  TEST_DATA_KEY_FILE,
  tenantWithKey,
  type TestServer,
  type TestTenant,
} from '../helper.ts';
import { assertNotInStoreFiles } from '../store-files.ts';

type Fetched = { data: { doc_data: Array<{ doc_number: string; doc_issuer: string }> } };

describe('identity documents encrypted at rest', () => {
  let server: TestServer;
  let hotel: TestTenant;
  const call = <T>(path: string, fields: Record<string, string>) =>
    postForm<T>(`${server.base}/kp/customers/${path}`, fields, { 'x-api-key': hotel.key });
  const addWithDocument = async (number: string) => {
    const added = await call<{ data: number }>('add_one', {
      custdata: '{"name": "Anna", "surname": "Neri"}',
    });
    const docdata = {
      doc_type: 'p',
      doc_country: 'IT',
      doc_number: number,
      doc_issuer: 'Questura di Roma',
      doc_issue: '01/01/2020',
      doc_expiry: '01/01/2030',
    };
    const up = await call('upload_docdata', {
      id: String(added.body.data),
      docdata: JSON.stringify(docdata),
    });
    assert.equal(up.status, 200, up.text);
    return added.body.data;
  };
  const documentsOf = async (id: number) =>
    (await call<Fetched>('fetch_one', { id: String(id) })).body.data.doc_data;
  /** A customer of a tenant of its own: where a document's row is copied or moved. */
  const customerOfAnotherTenant = async (name: string, prefix: string) => {
    const tenant = await tenantWithKey(server.db, name, prefix);
    const created = await postForm<{ data: number }>(
      `${server.base}/kp/customers/add_one`,
      { custdata: '{"name": "Eva", "surname": "Blu"}' },
      { 'x-api-key': tenant.key },
    );
    return { tenant, customer: created.body.data };
  };
  /** That tenant's `fetch_one` of its customer fails and never shows `number`. */
  const assertNotOpened = async (key: string, customer: number, number: string) => {
    const r = await postForm(
      `${server.base}/kp/customers/fetch_one`,
      { id: String(customer) },
      { 'x-api-key': key },
    );
    assert.notEqual(r.status, 200, r.text);
    assert.ok(!r.text.includes(number), r.text);
  };

  before(async () => {
    server = await startServer();
    hotel = await tenantWithKey(server.db);
  });
  after(() => server.close());

  it('answers the number in clear, while the store holds neither the number nor the issuer in clear', async () => {
    const id = await addWithDocument('YB7654321');
    assert.deepEqual(
      (await documentsOf(id)).map((d) => [d.doc_number, d.doc_issuer]),
      [['YB7654321', 'Questura di Roma']],
    );
    const rows = await server.db.selectFrom('customer_documents').selectAll().execute();
    const stored = JSON.stringify(rows);
    assert.ok(!stored.includes('YB7654321') && !stored.includes('Questura'), stored);
    assert.ok(rows.every((r) => r.data_key_id === currentKeyId()));
    await assertNotInStoreFiles(server, ['YB7654321', 'Questura']);
  });

  it('replaces a document of the same number, and finds it by number through its blind index', async () => {
    const id = await addWithDocument('ZZ1112223');
    const again = {
      doc_type: 'p',
      doc_country: 'IT',
      doc_number: 'zz 111 2223',
      doc_issue: '02/02/2021',
      doc_expiry: '02/02/2031',
    };
    assert.equal(
      (await call('upload_docdata', { id: String(id), docdata: JSON.stringify(again) })).status,
      200,
    );
    const docs = await documentsOf(id);
    assert.equal(docs.length, 1, 'the same document, spaces and case aside');
    assert.equal(docs[0]!.doc_number, 'zz 111 2223');
  });

  it('answers a document read before and changed since with its new values', async () => {
    const id = await addWithDocument('MM5550001');
    // Read once: the document is now among those the server remembers opened (core/document-seal.ts).
    assert.deepEqual(
      (await documentsOf(id)).map((d) => [d.doc_number, d.doc_issuer]),
      [['MM5550001', 'Questura di Roma']],
    );
    const changed = {
      doc_type: 'p',
      doc_country: 'IT',
      doc_number: 'mm 555 0001',
      doc_issuer: 'Comune di Milano',
      doc_issue: '03/03/2022',
      doc_expiry: '03/03/2032',
    };
    const up = await call('upload_docdata', { id: String(id), docdata: JSON.stringify(changed) });
    assert.equal(up.status, 200, up.text);
    assert.deepEqual(
      (await documentsOf(id)).map((d) => [d.doc_number, d.doc_issuer]),
      [['mm 555 0001', 'Comune di Milano']],
    );
  });

  it("does not open a value copied into another tenant's document, even one it has just decrypted", async () => {
    const id = await addWithDocument('CP1234567');
    // Read once: the document is now among those the server remembers opened (core/document-seal.ts).
    assert.equal((await documentsOf(id))[0]!.doc_number, 'CP1234567');
    const other = await customerOfAnotherTenant('Other Hotel', 'OH');
    const source = await server.db
      .selectFrom('customer_documents')
      .selectAll()
      .where('customer_id', '=', id)
      .executeTakeFirstOrThrow();
    const { id: _id, ...copy } = source;
    const inserted = await server.db
      .insertInto('customer_documents')
      .values({ ...copy, tenant_id: other.tenant.id, customer_id: other.customer })
      .returning('id')
      .executeTakeFirstOrThrow();
    try {
      await assertNotOpened(other.tenant.key, other.customer, 'CP1234567');
    } finally {
      await server.db.deleteFrom('customer_documents').where('id', '=', inserted.id).execute();
    }
  });

  it("does not open a document it has just decrypted once its row is moved into another tenant's customer", async () => {
    const id = await addWithDocument('MV7654321');
    assert.equal((await documentsOf(id))[0]!.doc_number, 'MV7654321');
    const other = await customerOfAnotherTenant('Moved Hotel', 'MH');
    // The same row, its id and ciphertexts unchanged: only its tenant and customer differ.
    await server.db
      .updateTable('customer_documents')
      .set({ tenant_id: other.tenant.id, customer_id: other.customer })
      .where('customer_id', '=', id)
      .execute();
    try {
      await assertNotOpened(other.tenant.key, other.customer, 'MV7654321');
    } finally {
      await server.db.deleteFrom('customer_documents').where('customer_id', '=', other.customer).execute();
    }
  });

  it('encrypts at start the documents a store held in clear before', async () => {
    const id = await addWithDocument('PL0000001');
    await server.db
      .updateTable('customer_documents')
      .set({ doc_number: 'PL0000009', doc_number_enc: null, doc_issuer: 'Comune', data_key_id: null })
      .where('customer_id', '=', id)
      .execute();
    // Until the server seals it, the row is read as it is, in clear.
    assert.deepEqual(
      (await documentsOf(id)).map((d) => [d.doc_number, d.doc_issuer]),
      [['PL0000009', 'Comune']],
    );
    await openDocumentKeys(server.db, TEST_DATA_KEY_FILE);
    const row = await server.db
      .selectFrom('customer_documents')
      .selectAll()
      .where('customer_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.notEqual(row.doc_number, 'PL0000009');
    assert.equal(row.data_key_id, currentKeyId());
    assert.deepEqual(
      (await documentsOf(id)).map((d) => [d.doc_number, d.doc_issuer]),
      [['PL0000009', 'Comune']],
    );
  });

  it('rotates to a new key while the server runs, and finishes an interrupted rotation without a third key', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(await addWithDocument(`RT000000${i}`));
    const before = currentKeyId();
    // A rotation killed after its first batch: the new key is in the file, some rows still under the old one.
    const added = addDataKey(TEST_DATA_KEY_FILE);
    let batches = 0;
    await assert.rejects(
      sealDocuments(
        server.db,
        () => {
          batches += 1;
          throw new Error('killed');
        },
        2,
      ),
      /killed/,
    );
    assert.equal(batches, 1);
    openDataKeys(TEST_DATA_KEY_FILE);
    const r = await runCli(server.store.url, 'data-key', 'rotate', '--json');
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { key: number; resumed: boolean };
    assert.deepEqual([report.key, report.resumed], [added, true]);
    assert.equal(added, before + 1);
    const keys = await server.db.selectFrom('customer_documents').select('data_key_id').distinct().execute();
    assert.deepEqual(
      keys.map((k) => k.data_key_id),
      [added],
    );
    // The running server reads the file again for the key it does not know yet.
    for (const [i, id] of ids.entries()) {
      assert.equal((await documentsOf(id))[0]!.doc_number, `RT000000${i}`);
    }
    const again = await runCli(server.store.url, 'data-key', 'rotate', '--json');
    assert.equal(JSON.parse(again.stdout).key, added + 1);
  });

  it('refuses a key file of the wrong size or permissions, and a store written with a key the file lacks', async () => {
    const dir = tmpdir();
    const copy = join(dir, `clientele-test-key-copy-${process.pid}.json`);
    copyFileSync(TEST_DATA_KEY_FILE, copy);
    chmodSync(copy, 0o644);
    assert.throws(() => openDataKeys(copy), /must be readable by its owner only/);
    const short = join(dir, `clientele-test-key-short-${process.pid}.json`);
    writeFileSync(short, JSON.stringify({ index: 'AAAA', keys: [{ id: 1, key: 'AAAA' }] }), { mode: 0o600 });
    assert.throws(() => openDataKeys(short), /must be 32 bytes/);
    const fresh = join(dir, `clientele-test-key-fresh-${process.pid}-${Date.now()}.json`);
    await assert.rejects(openDocumentKeys(server.db, fresh), (error: Error) => {
      assert.ok(error instanceof DataKeyError);
      assert.match(error.message, /encrypted with data key \d+, which .* does not hold/);
      return true;
    });
    openDataKeys(TEST_DATA_KEY_FILE);
  });
});
