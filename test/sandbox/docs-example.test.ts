import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { createAdminToken } from '../../src/core/admin-tokens.ts';
import { createSandboxTenant } from '../../src/core/demo-seed.ts';
import { startServer } from '../helper.ts';

const run = promisify(execFile);

/** The suite of docs/sandbox.md, the block after `<!-- sandbox-example -->`, exactly as written there. */
function exampleSuite(): string {
  const doc = readFileSync('docs/sandbox.md', 'utf8');
  const match = /<!-- sandbox-example -->\n```js\n([\s\S]*?)\n```/.exec(doc);
  assert.ok(match, 'docs/sandbox.md has the example block');
  return match[1]!;
}

describe('docs/sandbox.md, the worked example', () => {
  it('passes against a real server with a demo sandbox tenant', async () => {
    const server = await startServer();
    const dir = mkdtempSync(join(tmpdir(), 'clientele-sandbox-doc-'));
    try {
      const { token } = await createAdminToken(server.db, 'docs');
      const made = await createSandboxTenant(server.db, { name: 'Suite Hotel', demo: true });
      const file = join(dir, 'suite.test.mjs');
      writeFileSync(file, exampleSuite());
      // A child of node's test runner would report to the parent's channel, not to its own output.
      const { NODE_TEST_CONTEXT: _, ...parentEnv } = process.env;
      const env = {
        ...parentEnv,
        BASE: server.base,
        TOKEN: token,
        TENANT: String(made.tenant.id),
        KEY: made.key.key,
      };
      const result = await run(process.execPath, ['--test', '--test-reporter=tap', file], { env }).catch(
        (error: { stdout: string; stderr: string }) => assert.fail(`${error.stdout}\n${error.stderr}`),
      );
      assert.match(result.stdout, /# pass 3/);
      assert.match(result.stdout, /# fail 0/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await server.close();
    }
  });
});
