import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAdminToken } from '../../src/core/admin-tokens.ts';
import { createOwner } from '../../src/core/owners.ts';
import { storeWriteFault } from '../../src/http/unavailable.ts';
import {
  countRows,
  freshStore,
  postForm,
  postJson,
  tenantWithKey,
  type Reply,
  type TestStore,
} from '../helper.ts';
import { loggedServer, type LoggedServer } from '../ops/log-capture.ts';
import { validCustomer } from '../dialects/netstorming/helper.ts';
import { refuseWrites } from './refuse-writes.ts';

const postgres = Boolean(process.env.TEST_DATABASE_URL);

// SQLite: the disk under the store's file fills up. PostgreSQL: the database turns read-only (SQLSTATE 25006), as a
// standby after a failover is; its disk full (53100), out of memory (53200) and I/O error (58030) are answered alike.
describe(
  postgres ? 'PostgreSQL: the database is read-only' : 'SQLite: the disk under the store is full',
  () => {
    let store: TestStore;
    let server: LoggedServer;
    let key: string;
    let token: string;

    before(async () => {
      store = await freshStore();
      key = (await tenantWithKey(store.db)).key;
      token = (await createAdminToken(store.db, 'tests')).token;
      await createOwner(store.db, 1, { code: 'netstorming' });
      server = await loggedServer(store, { PASSWORD_SCRYPT_N: '1024', ACCESS_LOG: '0' });
    });
    after(async () => {
      await server.close();
      await store.drop();
    });

    const zak = (n: number) =>
      postForm<{ error?: string }>(
        `${server.base}/kp/customers/add_one`,
        { custdata: JSON.stringify({ name: `Disk ${n}`, surname: 'Full' }) },
        { 'x-api-key': key },
      );
    const virtpos = (n: number) =>
      postForm<{ success: number; info?: string }>(
        `${server.base}/api/customer/update?apikey=${key}&format=json&create_if_not_exist=1`,
        { external_id: `FULL-${n}`, fname: 'Ivan', lname: 'Petrov' },
      );
    const netstorming = (n: number) =>
      postJson(`${server.base}/api/customers/insert`, {
        key,
        owner_code: 'netstorming',
        customers: [validCustomer(n)],
      });
    const admin = (n: number) =>
      postJson<{ code?: string }>(
        `${server.base}/admin/v1/tenants/1/customers`,
        { name: `Admin ${n}`, surname: 'Full' },
        { authorization: `Bearer ${token}` },
      );

    /**
     * Writes until one is refused: the pages of the file have room for some rows before a write needs a new page.
     * Netstorming reports a refused item in its results with HTTP 200: its reply then carries errors. Each write
     * answered 200 is counted in the table it writes a row of (Netstorming's customers are agencies).
     */
    const written = { customers: 0, agencies: 0 };
    async function firstRefused<T>(
      write: (n: number) => Promise<Reply<T>>,
      table: keyof typeof written = 'customers',
    ): Promise<Reply<T>> {
      for (let n = 1; n <= 500; n++) {
        const reply = await write(n);
        if (reply.status !== 200 || /"errors":\[\{/.test(reply.text)) return reply;
        written[table]++;
      }
      throw new Error('every write succeeded: the file never filled up');
    }

    it('answers each write 503 in its surface shape, writes nothing of it, says why in the log, and serves reads', async () => {
      // A customer to read while writes are refused.
      const seeded = (await zak(0)) as Reply<{ data?: number }>;
      assert.equal(seeded.status, 200, seeded.text);
      written.customers = 1;
      await refuseWrites(store, true);
      try {
        const zakReply = await firstRefused(zak);
        assert.equal(zakReply.status, 503, zakReply.text);
        assert.deepEqual(zakReply.body, { error: 'service unavailable, try again later' });
        const virtposReply = await firstRefused(virtpos);
        assert.equal(virtposReply.status, 503, virtposReply.text);
        assert.deepEqual(virtposReply.body, {
          success: 0,
          info: 'Сервис временно недоступен, повторите запрос позже',
        });
        const netstormingReply = await firstRefused(netstorming, 'agencies');
        assert.equal(netstormingReply.status, 503, netstormingReply.text);
        assert.deepEqual(netstormingReply.body, {
          dry_run: false,
          results: [],
          errors: [{ 'line/index': 0, errors: ['service unavailable, try again later'] }],
        });
        const adminReply = await firstRefused(admin);
        assert.equal(adminReply.status, 503, adminReply.text);
        assert.equal(adminReply.body.code, 'unavailable');
        const read = await postForm(
          `${server.base}/kp/customers/fetch_one`,
          { id: String(seeded.body.data) },
          { 'x-api-key': key },
        );
        assert.equal(read.status, 200, read.text);
        // Nothing of a refused write is stored: each write is one transaction (SQLite: the writes that found room in
        // the file's pages before one needed a new page did land, and were answered 200).
        assert.equal(await countRows(store.db, 'customers'), written.customers);
        assert.equal(await countRows(store.db, 'agencies'), written.agencies);
      } finally {
        await refuseWrites(store, false);
      }
      const logged = server.lines.filter((line) => line.msg === 'store cannot write');
      assert.ok(logged.length >= 4, server.text());
      assert.match(
        String(logged[0]!.err),
        postgres ? /read-only \(SQLSTATE 25006\).*primary/ : /disk is full/,
      );
      assert.equal(
        server.lines.some((line) => line.msg === 'internal error'),
        false,
      );
      const again = await zak(0);
      assert.equal(again.status, 200, again.text);
    });
  },
);

// The other PostgreSQL refusals cannot be caused on a shared server (a full disk, memory exhausted, a failing
// disk): their SQLSTATEs, as node-postgres reports them, are checked here.
describe('storeWriteFault: what PostgreSQL refusals say to check', () => {
  it('names each of 25006, 53100, 53200, 58030, and leaves other SQLSTATEs (and inherited names) alone', () => {
    const pgError = (code: string) => Object.assign(new Error('refused'), { code, severity: 'ERROR' });
    assert.match(storeWriteFault(pgError('25006'))!, /read-only \(SQLSTATE 25006\).*primary/);
    assert.match(storeWriteFault(pgError('53100'))!, /out of disk space \(SQLSTATE 53100\)/);
    assert.match(storeWriteFault(pgError('53200'))!, /out of memory \(SQLSTATE 53200\)/);
    assert.match(storeWriteFault(pgError('58030'))!, /read or write of its disk \(SQLSTATE 58030\)/);
    for (const code of ['23505', '42P01', '53300', 'constructor', 'toString'])
      assert.equal(storeWriteFault(pgError(code)), undefined, code);
  });
});
