import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freshStore, TEST_DATA_KEY_FILE, type TestStore } from './helper.ts';
import { serve, type Served } from './processes.ts';

/** A fenced `sh` block of the README: its text and the README line it starts on. */
interface Block {
  text: string;
  line: number;
}

function shellBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```sh') continue;
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1] !== '```') i++;
    blocks.push({ text: lines.slice(start, i + 1).join('\n'), line: start + 1 });
    i++;
  }
  return blocks;
}

/**
 * What the script runs before the README's blocks: `curl` records each call's status and body (base64) with the
 * script line it was called from; `npx clientele` runs this checkout's CLI (what `npx` finds after `npm install`).
 */
const PRELUDE = `set -euo pipefail
curl() {
  local out
  out=$(command curl -sS -w '\\n%{http_code}' "$@")
  local status=\${out##*$'\\n'} body=\${out%$'\\n'*}
  printf '%s\\n' "$body"
  printf '%s\\t%s\\t%s\\n' "\${BASH_LINENO[0]}" "$status" "$(printf '%s' "$body" | base64 -w0)" >> "$README_CALLS"
}
npx() {
  if [ "$1" = clientele ]; then shift; node "$CLIENTELE_ROOT/bin/clientele.js" "$@"; else command npx "$@"; fi
}
`;

/**
 * An answer that says something failed: an HTTP error, or a dialect's own failure shape in a 200; or a virtpos
 * listing that found nothing (`count` 0), which no walkthrough shows on purpose: a look-up that misses in the
 * README's own tenant teaches the reader a spelling that does not work there.
 */
function failure(status: number, body: string): string | undefined {
  if (status >= 400) return `HTTP ${status}`;
  if (/<success>0<\/success>/.test(body)) return 'virtpos success 0';
  if (/<count>0<\/count>/.test(body)) return 'virtpos found nothing';
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const o = json as Record<string, unknown>;
  if ('error' in o) return 'an error';
  if (o.success === 0 || o.success === false) return 'success false';
  if (Array.isArray(o.errors) && o.errors.length) return 'errors';
  if (o.count === 0) return 'found nothing';
  return undefined;
}

/** README lines that set BASE, KEY or TOKEN: the runner sets them to its fresh server's. */
const SETS_BASE_OR_KEY = /^\s*(export\s+)?(BASE|KEY|TOKEN)=/;
/** A block that installs or starts the server itself (the quick start) is not run: the runner started one. */
const STARTS_SERVER = /\bnpm (install|start|test)\b/;
/** A call its README line marks as failing on purpose. */
const EXPECTED = /# expect error/;

describe('README walkthroughs', () => {
  let store: TestStore;
  let server: Served;
  const dir = mkdtempSync(join(tmpdir(), 'clientele-readme-'));

  before(async () => {
    // As a new user: a fresh store (SQLite, the default) that the first start fills with the demo tenant.
    store = await freshStore('', false);
    server = await serve(store.url);
  });
  after(async () => {
    await server.stop();
    await store.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every block runs in order against a fresh server, and no call answers an error it does not expect', async () => {
    for (let i = 0; i < 100 && !/KEY=ck_/.test(server.errors()); i++)
      await new Promise((r) => setTimeout(r, 20));
    const key = /KEY=(ck_[A-Za-z0-9_-]{32})/.exec(server.errors())?.[1];
    const token = /TOKEN=(cat_[A-Za-z0-9_-]{32})/.exec(server.errors())?.[1];
    assert.ok(key && token, server.errors());

    const readme = readFileSync('README.md', 'utf8').split('\n');
    const blocks = shellBlocks(readme.join('\n')).filter((b) => !STARTS_SERVER.test(b.text));
    assert.ok(blocks.length >= 6, 'the walkthroughs are there');
    // The script's lines, each knowing the README line it came from.
    const script = PRELUDE.split('\n').map((text) => ({ text, readme: 0 }));
    for (const block of blocks)
      for (const [i, text] of block.text.split('\n').entries())
        script.push({ text: SETS_BASE_OR_KEY.test(text) ? `: ${text}` : text, readme: block.line + i });
    const scriptFile = join(dir, 'readme.sh');
    writeFileSync(scriptFile, script.map((l) => l.text).join('\n') + '\n');
    const calls = join(dir, 'calls.tsv');
    writeFileSync(calls, '');

    const bash = spawn('bash', [scriptFile], {
      cwd: dir,
      env: {
        ...process.env,
        BASE: server.base,
        KEY: key,
        TOKEN: token,
        DATABASE_URL: store.url,
        // The server's key file, as an operator's commands share the server's settings (`webhook add` seals with it).
        DATA_KEY_FILE: TEST_DATA_KEY_FILE,
        LOG_LEVEL: 'silent',
        README_CALLS: calls,
        CLIENTELE_ROOT: resolve('.'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    bash.stdout.resume();
    bash.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(bash, 'exit');
    assert.equal(code, 0, `a README command failed:\n${stderr}`);

    const answered = readFileSync(calls, 'utf8').trimEnd().split('\n');
    const written = blocks.flatMap((b) => b.text.split('\n')).filter((l) => /^curl /.test(l)).length;
    assert.equal(answered.length, written, 'every curl of the README ran once');
    const unexpected: string[] = [];
    for (const row of answered) {
      const [line, status, body64] = row.split('\t');
      const body = Buffer.from(body64 ?? '', 'base64').toString('utf8');
      const readmeLine = script[Number(line) - 1]!.readme;
      const why = failure(Number(status), body);
      if (why && !EXPECTED.test(readme[readmeLine - 1] ?? ''))
        unexpected.push(`README.md:${readmeLine}: ${why}: ${body.slice(0, 300)}`);
    }
    assert.deepEqual(unexpected, [], 'calls that answered an error');
  });
});
