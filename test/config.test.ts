import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    assert.equal(config.databaseUrl, 'sqlite:./data/clientele.db');
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 8080);
    assert.equal(config.bodyLimit, 1_048_576);
    assert.equal(config.bulkBodyLimit, 33_554_432);
    assert.equal(config.bulkItemLimit, 10_000);
    assert.equal(config.passwordScryptN, 16_384);
    assert.equal(config.requestTimeoutMs, 30_000);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.workers, 1);
    assert.equal(config.writeLockTimeoutMs, 5000);
    assert.equal(config.queryTimeoutMs, 120_000);
    assert.equal(config.shutdownTimeoutMs, 10_000);
    assert.equal(config.accessLog, true);
    assert.equal(config.metrics, true);
    assert.equal(config.webhookRetryBaseMs, 10_000);
    assert.equal(config.webhookMaxAttempts, 12);
    assert.equal(config.webhookTimeoutMs, 5000);
    assert.equal(config.webhookAllowPrivate, false);
  });

  it('takes 1/0 switches and a shutdown timeout', () => {
    const off = loadConfig({ ACCESS_LOG: '0', METRICS: 'false', SHUTDOWN_TIMEOUT_MS: '250' });
    assert.deepEqual([off.accessLog, off.metrics, off.shutdownTimeoutMs], [false, false, 250]);
    const on = loadConfig({ ACCESS_LOG: 'on', METRICS: '1' });
    assert.deepEqual([on.accessLog, on.metrics], [true, true]);
  });

  it('documents every variable it reads, in the README and in docs/operations.md', () => {
    const source = readFileSync('src/config.ts', 'utf8');
    const names = new Set([...source.matchAll(/env(?:\.([A-Z_]+)|, '([A-Z_]+)')/g)].map((m) => m[1] ?? m[2]));
    assert.ok(names.size >= 14, [...names].join(', '));
    for (const doc of ['README.md', 'docs/operations.md']) {
      const text = readFileSync(doc, 'utf8');
      for (const name of names) assert.ok(text.includes(`| \`${name}\` |`), `${name} in the table of ${doc}`);
    }
  });

  it('takes valid values', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@h:5432/db',
      PORT: '0',
      LOG_LEVEL: 'silent',
      WEBHOOK_ALLOW_PRIVATE: '1',
    });
    assert.deepEqual(
      [config.databaseUrl, config.port, config.logLevel, config.webhookAllowPrivate],
      ['postgres://u@h:5432/db', 0, 'silent', true],
    );
  });

  for (const [env, message] of [
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be sqlite:<path> or postgres/],
    [{ PORT: 'eighty' }, /PORT must be a whole number from 0 to 65535/],
    [{ PORT: '70000' }, /PORT must be a whole number/],
    [{ BODY_LIMIT: '10' }, /BODY_LIMIT must be a whole number from 1024/],
    [{ BULK_ITEM_LIMIT: '0' }, /BULK_ITEM_LIMIT must be a whole number from 1/],
    [{ PASSWORD_SCRYPT_N: '3000' }, /PASSWORD_SCRYPT_N must be a power of two/],
    [{ REQUEST_TIMEOUT_MS: '50' }, /REQUEST_TIMEOUT_MS must be a whole number from 100/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ WORKERS: 'many' }, /WORKERS must be auto or a whole number from 1 to 64/],
    [{ WORKERS: '0' }, /WORKERS must be a whole number from 1 to 64/],
    [{ WRITE_LOCK_TIMEOUT_MS: '-1' }, /WRITE_LOCK_TIMEOUT_MS must be a whole number/],
    [{ SHUTDOWN_TIMEOUT_MS: 'soon' }, /SHUTDOWN_TIMEOUT_MS must be a whole number from 0/],
    [{ ACCESS_LOG: 'yes please' }, /ACCESS_LOG must be 1 or 0, got "yes please"/],
    [{ METRICS: '2' }, /METRICS must be 1 or 0/],
    [{ WEBHOOK_ALLOW_PRIVATE: 'yes' }, /WEBHOOK_ALLOW_PRIVATE must be 1 or 0/],
    [{ WEBHOOK_MAX_ATTEMPTS: '0' }, /WEBHOOK_MAX_ATTEMPTS must be a whole number from 1 to 100/],
    [{ WEBHOOK_RETRY_BASE_MS: 'soon' }, /WEBHOOK_RETRY_BASE_MS must be a whole number/],
    [{ WEBHOOK_TIMEOUT_MS: '10' }, /WEBHOOK_TIMEOUT_MS must be a whole number from 100/],
  ] as const) {
    it(`refuses ${JSON.stringify(env)}`, () => {
      assert.throws(
        () => loadConfig(env),
        (e: unknown) => e instanceof ConfigError && message.test(e.message),
      );
    });
  }
});
