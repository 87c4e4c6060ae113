import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const LOGGER = fileURLToPath(new URL('../../src/ops/logger.ts', import.meta.url));

/**
 * A process that logs through the server's logger (pino, the line batch, SonicBoom on standard output), running
 * `body`; resolves with the JSON lines it printed once it ended, or once `lines` had arrived.
 */
function logging(body: string, lines?: number): Promise<Array<Record<string, unknown>>> {
  const script = `import { createLogger } from ${JSON.stringify(LOGGER)};
const logger = createLogger({ logLevel: 'info' });
${body}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const parsed = () =>
      out
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (lines !== undefined && out.split('\n').length > lines) {
        resolve(parsed());
        child.kill();
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve(parsed()));
  });
}

describe('the log stream', () => {
  it('writes every line, each whole, when the process exits at once after them', async () => {
    const lines = await logging(
      `for (let i = 0; i < 5000; i++) logger.info({ i, path: '/kp/customers/fetch_one' }, 'request');
process.exit(0);`,
    );
    assert.equal(lines.length, 5000);
    assert.deepEqual(
      lines.map((l) => l.i),
      Array.from({ length: 5000 }, (_, i) => i),
    );
  });

  it('writes a lone line within the flush interval while the process runs on', async () => {
    const started = Date.now();
    const lines = await logging(`logger.info({ alone: true }, 'one line'); setTimeout(() => {}, 60_000);`, 1);
    assert.equal(lines[0]!.alone, true);
    assert.equal(lines[0]!.msg, 'one line');
    assert.ok(Date.now() - started < 30_000);
  });
});
