import { spawn } from 'node:child_process';
import { sealFields } from '../../src/core/document-seal.ts';
import type { Insertable } from 'kysely';
import { insertCustomers } from '../../src/store/customers.ts';
import type { Db } from '../../src/store/db.ts';
import type { CustomerDocumentTable } from '../../src/store/schema/core.ts';
import { failures, fetchOneRounds, median, pairedPercent, pairedRatio, rounds } from '../rounds.ts';
import type { BenchRow, LoadResult, Scenario, SeedContext } from '../scenario.ts';
import { customerIds, fetchOneRequests } from './zak-customers.ts';

// Identity documents encrypted at rest (issue 18): what decrypting two documents adds to a `fetch_one`, and a
// rotation of the data key over a million documents while a server answers `fetch_one`.

/** The customer ids of each group a tenant was seeded with, by the tenant's API key (see seededIds). */
const seeded = new Map<string, number[][]>();

/**
 * Customers of the tenant in groups, each with `documentsEach` documents per customer, `sealed` (as the server
 * writes them) or plain (as a store from before encryption holds them until it is sealed).
 */
async function seedGroups(
  { db, tenant }: SeedContext,
  groups: Array<{ customers: number; documentsEach: number; sealed: boolean }>,
): Promise<void> {
  const at = new Date().toISOString();
  const count = groups.reduce((n, g) => n + g.customers, 0);
  await insertCustomers(
    db,
    Array.from({ length: count }, (_, i) => ({
      tenant_id: tenant.id,
      name: `Name${i}`,
      surname: `Surname${i}`,
      email: `guest${i}@example.com`,
      email_key: `guest${i}@example.com`,
      country: 'IT',
      created_at: at,
      updated_at: at,
    })),
  );
  const ids = await customerIds(db, tenant.id);
  const parts: number[][] = [];
  for (const group of groups) {
    const part = ids.splice(0, group.customers);
    parts.push(part);
    await insertDocuments(db, tenant.id, part, group, at);
  }
  seeded.set(tenant.key, parts);
}

/** The documents of `customers`, a transaction per 20,000. */
async function insertDocuments(
  db: Db,
  tenantId: number,
  customers: number[],
  { documentsEach, sealed }: { documentsEach: number; sealed: boolean },
  at: string,
) {
  let rows: Array<Insertable<CustomerDocumentTable>> = [];
  const flush = async () => {
    await insertChunk(db, rows);
    rows = [];
  };
  for (const customerId of customers) {
    for (let d = 0; d < documentsEach; d++) {
      const fields = {
        doc_number: `YA${String(customerId).padStart(8, '0')}${d}`,
        doc_issuer: 'Questura di Roma',
        doc_medium: null,
      };
      rows.push({
        tenant_id: tenantId,
        customer_id: customerId,
        doc_type: d % 2 === 0 ? 'passport' : 'id_card',
        doc_country: 'IT',
        doc_issue: '2020-01-15',
        doc_expiry: '2030-01-14',
        created_at: at,
        ...(sealed ? sealFields(tenantId, fields) : { ...fields, doc_number_enc: null, data_key_id: null }),
      });
      if (rows.length === 20_000) await flush();
    }
  }
  await flush();
}

async function insertChunk(db: Db, rows: Array<Insertable<CustomerDocumentTable>>) {
  await db.transaction().execute(async (trx) => {
    // 1,000 rows of 12 values stay under SQLite's limit of bound parameters.
    for (let i = 0; i < rows.length; i += 1000)
      await trx
        .insertInto('customer_documents')
        .values(rows.slice(i, i + 1000))
        .execute();
  });
}

const ROUNDS = rounds(7);
const SECONDS = 4;
/** Documents of the rotation row; BENCH_ROTATION_DOCUMENTS makes a smaller smoke run. */
const ROTATED = Number(process.env.BENCH_ROTATION_DOCUMENTS ?? 1_000_000);
const DOCUMENTS_EACH = 10;

/** `clientele data-key rotate --json` of this checkout on the store; resolves with its seconds and its answer. */
function rotate(databaseUrl: string): Promise<{ seconds: number; output: string }> {
  const started = Date.now();
  const child = spawn(process.execPath, ['bin/clientele.js', 'data-key', 'rotate', '--json'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve({ seconds: (Date.now() - started) / 1000, output: output.trim() })
        : reject(new Error(`data-key rotate exited ${code}: ${output}`)),
    );
  });
}

export const scenarios: Scenario[] = [
  {
    name: 'zak fetch_one, two encrypted documents vs none',
    seed: (context) =>
      seedGroups(context, [
        { customers: 5_000, documentsEach: 0, sealed: true },
        { customers: 5_000, documentsEach: 2, sealed: false },
        { customers: 5_000, documentsEach: 2, sealed: true },
      ]),
    /**
     * Customers without documents, with two plain ones (a store from before encryption) and with two encrypted,
     * in interleaved rounds: the target is the encrypted ≥ 0.9× none; the plain row tells what is the documents'
     * own cost and what is the encryption's.
     */
    async run({ label, tenant, load }) {
      if (label !== 'HEAD') return [];
      const groups = seeded.get(tenant.key)!;
      const results = await fetchOneRounds(
        groups.map((ids) => ({ load, requests: fetchOneRequests(tenant.key, ids) })),
        ROUNDS,
        SECONDS,
      );
      const none = results[0]!;
      const names = ['without documents', 'with two plain documents', 'with two encrypted documents'];
      return results.map((each, i): BenchRow => {
        const r = median(each);
        const failed = failures(each) ? `; ${failures(each)} failed` : '';
        const versus =
          i === 0
            ? 'the reference'
            : `${pairedRatio(each, none, 'rps').toFixed(2)}× without${i === 2 ? ' (target ≥ 0.9)' : ''}, ` +
              `cpu ${pairedPercent(pairedRatio(each, none, 'cpuUs'))}`;
        return {
          name: `zak fetch_one, customer ${names[i]}`,
          ...r,
          note: `${versus}; median of ${ROUNDS} paired rounds${failed}`,
        };
      });
    },
  },
  {
    name: 'data key rotation',
    seed: (context) =>
      seedGroups(context, [
        { customers: ROTATED / DOCUMENTS_EACH, documentsEach: DOCUMENTS_EACH, sealed: true },
      ]),
    /**
     * `clientele data-key rotate` over every document of the store (this tenant's million) while wrk loads the
     * server with `fetch_one` of customers whose documents are being re-encrypted: how long the rotation takes,
     * and the server's rate during it against its rate just before.
     */
    async run({ label, tenant, load, databaseUrl }) {
      if (label !== 'HEAD') return [];
      const requests = fetchOneRequests(tenant.key, seeded.get(tenant.key)![0]!);
      const options = { path: '/kp/customers/fetch_one', requests, connections: 50, duration: SECONDS };
      const before = await load({ ...options, warmup: 2 });
      let done = false;
      const rotation = rotate(databaseUrl).finally(() => (done = true));
      const during: LoadResult[] = [];
      do during.push(await load(options));
      while (!done);
      const { seconds, output } = await rotation;
      const moved = (JSON.parse(output) as { documents: number }).documents;
      const rps = during.reduce((n, r) => n + r.requests, 0) / (during.length * SECONDS);
      const rows: BenchRow[] = [
        { name: 'zak fetch_one, documents, before the rotation', ...before, note: 'the reference' },
        {
          name: 'zak fetch_one, documents, during the rotation',
          ...median(during),
          rps,
          note: `${(rps / before.rps).toFixed(2)}× before; ${during.length} loads of ${SECONDS} s${failures(during) ? `; ${failures(during)} failed` : ''}`,
        },
        {
          name: `data key rotation, ${moved.toLocaleString('en')} documents`,
          note: `${seconds.toFixed(1)} s, ${Math.round(moved / seconds).toLocaleString('en')} documents/s (CLI process, unpinned)`,
        },
      ];
      return rows;
    },
  },
];
