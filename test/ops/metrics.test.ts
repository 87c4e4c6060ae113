import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { freshStore, get, postForm, tenantWithKey, type TestTenant } from '../helper.ts';
import { postAlone, serve, type Served } from '../processes.ts';

interface Sample {
  value?: string;
  labels?: Record<string, string>;
  buckets?: Record<string, string>;
  count?: string;
  sum?: string;
}
interface Family {
  name: string;
  help: string;
  type: string;
  metrics: Sample[];
}

/**
 * `/metrics` read by a parser of Prometheus' text format (it throws on a malformed line): every family by name,
 * and each series of a histogram (`_bucket`, `_sum`, `_count`) as a family of its own too, with its labels: the
 * parser folds a histogram's samples into one and loses their labels, so the text is read a second time with the
 * histograms' TYPE lines left out.
 */
async function scrape(base: string): Promise<Map<string, Family>> {
  const reply = await get(`${base}/metrics`);
  assert.equal(reply.status, 200);
  assert.match(reply.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const families = parsePrometheusTextFormat(reply.text) as Family[];
  const untyped = reply.text.replace(/^# TYPE \S+ histogram\n/gm, '');
  const byName = new Map<string, Family>();
  // prom-client writes each label set's buckets, sum and count in turn: one series comes back in many pieces.
  for (const piece of (parsePrometheusTextFormat(untyped) as Family[]).filter((f) => f.type === 'UNTYPED')) {
    const known = byName.get(piece.name);
    if (known) known.metrics.push(...piece.metrics);
    else byName.set(piece.name, piece);
  }
  for (const family of families) byName.set(family.name, family);
  return byName;
}

const sample = (family: Family | undefined, labels: Record<string, string>) =>
  family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));

interface ServedTenant {
  tenant: TestTenant;
  server: Served;
  close(): Promise<void>;
}

/** `clientele serve` over a fresh store with one tenant; `close` stops it and drops the store. */
async function servedTenant(env: Record<string, string> = {}): Promise<ServedTenant> {
  const store = await freshStore();
  const tenant = await tenantWithKey(store.db);
  const server = await serve(store.url, env);
  return {
    tenant,
    server,
    close: async () => {
      await server.stop();
      await store.drop();
    },
  };
}

describe('/metrics', () => {
  let served: ServedTenant;
  before(async () => (served = await servedTenant()));
  after(() => served.close());

  it('counts and times requests by dialect, call and status, times store queries, and has process metrics', async () => {
    const key = { 'x-api-key': served.tenant.key };
    const added = await postForm<{ data: number }>(
      `${served.server.base}/kp/customers/add_one`,
      { custdata: '{"name": "Ada", "surname": "Lovelace"}' },
      key,
    );
    for (let i = 0; i < 3; i++)
      assert.equal(
        (await postForm(`${served.server.base}/kp/customers/fetch_one`, { id: String(added.body.data) }, key))
          .status,
        200,
      );
    assert.equal((await postForm(`${served.server.base}/kp/customers/fetch_one`, { id: '1' })).status, 401);
    assert.equal(
      (await get(`${served.server.base}/api/customer?apikey=${served.tenant.key}&format=json&page=1`)).status,
      200,
    );

    const metrics = await scrape(served.server.base);
    const requests = metrics.get('clientele_http_requests_total');
    assert.equal(requests?.type, 'COUNTER');
    const count = (dialect: string, call: string, status: string) =>
      sample(requests, { dialect, call, status })?.value;
    assert.equal(count('zak', 'customers/add_one', '200'), '1');
    assert.equal(count('zak', 'customers/fetch_one', '200'), '3');
    assert.equal(count('zak', 'customers/fetch_one', '401'), '1');
    assert.equal(count('virtpos', 'list', '200'), '1');

    const histogram = 'clientele_http_request_duration_seconds';
    assert.equal(metrics.get(histogram)?.type, 'HISTOGRAM');
    const fetchOne = { dialect: 'zak', call: 'customers/fetch_one', status: '200' };
    assert.equal(sample(metrics.get(`${histogram}_count`), fetchOne)?.value, '3');
    assert.equal(sample(metrics.get(`${histogram}_bucket`), { ...fetchOne, le: '+Inf' })?.value, '3');
    assert.ok(Number(sample(metrics.get(`${histogram}_sum`), fetchOne)?.value) > 0);
    // Cumulative buckets: never fewer at a higher bound, and every call within the last one of 30 s.
    const buckets = metrics
      .get(`${histogram}_bucket`)!
      .metrics.filter((m) => m.labels?.call === 'customers/fetch_one' && m.labels.status === '200')
      .map((m) => [Number(m.labels!.le), Number(m.value)] as const)
      .sort((a, b) => a[0] - b[0]);
    assert.equal(buckets.length, 15);
    assert.ok(buckets.every(([, n], i) => i === 0 || n >= buckets[i - 1]![1]));
    assert.deepEqual(buckets.at(-2), [30, 3]);

    const queries = metrics.get('clientele_store_query_duration_seconds');
    assert.equal(queries?.type, 'HISTOGRAM');
    assert.ok(Number(queries?.metrics[0]?.count) >= 5, 'the calls above ran queries');
    assert.equal(metrics.get('clientele_store_query_errors_total')?.metrics[0]?.value, '0');
    assert.equal(metrics.get('clientele_webhook_deliveries_total')?.type, 'COUNTER');
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
    ])
      assert.ok(metrics.has(name), name);
  });

  it('leaves the keys out of its labels', async () => {
    const text = (await get(`${served.server.base}/metrics`)).text;
    assert.ok(!text.includes(served.tenant.key));
  });
});

describe('/metrics with WORKERS=2', () => {
  let served: ServedTenant;
  before(async () => (served = await servedTenant({ WORKERS: '2' })));
  after(() => served.close());

  it('adds up every worker, whichever one the scrape reaches', async () => {
    for (let i = 0; i < 20; i++)
      assert.equal(
        await postAlone(`${served.server.base}/kp/property/fetch_rooms`, { 'x-api-key': served.tenant.key }),
        200,
      );
    for (let i = 0; i < 3; i++) {
      const metrics = await scrape(served.server.base);
      const rooms = sample(metrics.get('clientele_http_requests_total'), { call: 'property/fetch_rooms' });
      assert.equal(rooms?.value, '20');
    }
  });
});

describe('METRICS=0', () => {
  it('has no /metrics', async () => {
    const { server, close } = await servedTenant({ METRICS: '0' });
    try {
      assert.equal((await get(`${server.base}/metrics`)).status, 404);
    } finally {
      await close();
    }
  });
});
