import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { prepareStore } from '../../src/commands/prepare.ts';
import { loadConfig } from '../../src/config.ts';
import { freshStore } from '../helper.ts';

describe('the first start of a server', () => {
  it('says what its new data key file encrypts: identity documents and webhook signing secrets', async () => {
    const store = await freshStore();
    const dir = mkdtempSync(join(tmpdir(), 'clientele-banner-'));
    const said: string[] = [];
    const error = console.error;
    console.error = (...args: unknown[]) => void said.push(args.join(' '));
    try {
      await prepareStore(loadConfig({ DATABASE_URL: store.url, DATA_KEY_FILE: join(dir, 'data-key.json') }));
    } finally {
      console.error = error;
      await store.drop();
      rmSync(dir, { recursive: true, force: true });
    }
    const line = said.find((s) => s.startsWith('Created the data key file'));
    assert.ok(line, said.join('\n'));
    assert.match(line, /it encrypts identity documents and webhook signing secrets\./);
    assert.match(line, /without it they cannot be read/);
  });
});
