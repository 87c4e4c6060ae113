import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Writable } from 'node:stream';
import { accessLineWriter, type AccessFields } from '../../src/ops/access-line.ts';
import { createLogger } from '../../src/ops/logger.ts';

/** A logger at `debug` whose lines are kept, and the lines with their time replaced (two are never the same ms). */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ logLevel: 'debug' }, stream);
  const untimed = () => lines.map((l) => l.replace(/"time":\d+/, '"time":0'));
  return { logger, lines, untimed };
}

const cases: AccessFields[] = [
  {
    reqId: 'b7e2c0c2-6a43-4f7e-9d38-1f4f5b3f4b10',
    method: 'POST',
    path: '/kp/customers/fetch_one',
    dialect: 'zak',
    call: 'customers/fetch_one',
    status: 200,
    durationMs: 1.25,
    tenantId: 7,
  },
  // What a path may hold once decoded by nobody: quotes, backslashes, control and non-ASCII characters.
  {
    reqId: 'x"\\y',
    method: 'GET',
    path: '/kp/"odd"\\path\u0001\u2028/città',
    dialect: 'none',
    call: 'unknown',
    status: 404,
    durationMs: 0,
  },
  // A request closed before its reply: no duration, no tenant.
  { reqId: 'r1', method: 'POST', path: '/x', dialect: 'virtpos', call: 'customer', status: 499 },
  // A duration that is not a number must still leave the line JSON (pino writes null).
  { reqId: 'r2', method: 'GET', path: '/y', dialect: 'zak', call: 'x', status: 200, durationMs: Number.NaN },
];

describe('the access line', () => {
  it('is exactly the line pino writes for the same fields, at each level', () => {
    const ours = capture();
    const pinos = capture();
    const write = accessLineWriter(ours.logger);
    for (const level of ['info', 'debug'] as const) {
      for (const fields of cases) {
        write(level, fields);
        pinos.logger[level]({ ...fields }, 'request');
      }
    }
    assert.equal(ours.untimed().length, 2 * cases.length);
    assert.deepEqual(ours.untimed(), pinos.untimed());
    for (const line of ours.untimed()) assert.equal(typeof JSON.parse(line), 'object');
  });

  it('carries the time of the moment it is written', () => {
    const { logger, lines } = capture();
    const before = Date.now();
    accessLineWriter(logger)('info', cases[0]!);
    const { time } = JSON.parse(lines[0]!) as { time: number };
    assert.ok(time >= before && time <= Date.now());
  });
});
