import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { calls as netstormingCalls } from '../../src/dialects/netstorming/calls.ts';
import { calls as virtposCalls } from '../../src/dialects/virtpos/plugin.ts';
import { groups } from '../../src/dialects/zak/calls.ts';
import { kapiCalls } from '../../src/dialects/zak/kapi.ts';
import { startServer, type TestServer } from '../helper.ts';
import { contractValidator, operations, readXml, xmlLists, type Document } from './contract.ts';

/**
 * The served documents: each is valid OpenAPI 3.1, each call of each dialect's call table is an operation (a call
 * added without documentation fails here), and every reply example matches its own schema.
 */
const NAMES = ['admin', 'zak', 'netstorming', 'virtpos'] as const;

describe('OpenAPI documents', () => {
  let server: TestServer;
  const docs = {} as Record<(typeof NAMES)[number], Document>;

  before(async () => {
    server = await startServer();
    for (const name of NAMES) {
      const response = await fetch(`${server.base}/openapi/${name}.json`);
      assert.equal(response.status, 200, name);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      docs[name] = await response.json();
    }
  });
  after(() => server.close());

  for (const name of NAMES) {
    it(`${name}.json is a valid OpenAPI 3.1 document`, async () => {
      assert.equal(docs[name].openapi, '3.1.0');
      await SwaggerParser.validate(structuredClone(docs[name]) as any);
    });
  }

  it('documents every Zak call, /kp/ and /kapi/', () => {
    const calls = [
      ...Object.entries(groups).flatMap(([group, table]) =>
        Object.keys(table).map((c) => `/kp/${group}/${c}`),
      ),
      ...Object.keys(kapiCalls).map((c) => `/kapi/${c}`),
    ];
    assert.deepEqual(Object.keys(docs.zak.paths).sort(), calls.sort());
  });

  it('documents every Netstorming call', () => {
    const calls = Object.keys(netstormingCalls).map((c) => `/api/customers/${c}`);
    assert.deepEqual(Object.keys(docs.netstorming.paths).sort(), calls.sort());
  });

  it('documents every virtpos call, by GET and by POST', () => {
    const documented = Object.entries(docs.virtpos.paths).map(([path, item]) => {
      assert.deepEqual(Object.keys(item as object).sort(), ['get', 'post'], path);
      return path.replace(/^\/api\/customer\/?/, '').toLowerCase();
    });
    assert.deepEqual(documented.sort(), Object.keys(virtposCalls).sort());
  });

  for (const name of ['zak', 'netstorming', 'virtpos'] as const) {
    it(`${name}: every reply example matches its schema`, () => {
      const doc = docs[name];
      const check = contractValidator(doc);
      const lists = xmlLists(doc);
      let count = 0;
      for (const o of operations(doc)) {
        for (const [status, response] of Object.entries(o.op.responses as Record<string, any>)) {
          for (const [media, content] of Object.entries((response.content ?? {}) as Record<string, any>)) {
            for (const [example, { value }] of Object.entries(
              (content.examples ?? {}) as Record<string, any>,
            )) {
              const body = media === 'text/xml' ? readXml(value, lists) : value;
              check.reply(o, Number(status), media, body, `${o.op.operationId} reply example ${example}`);
              count++;
            }
          }
        }
      }
      assert.ok(count >= operations(doc).length, `${count} examples`);
    });
  }
});
