#!/usr/bin/env node
// `npm test`: every test/**/*.test.ts under node's own test runner. The store is a fresh SQLite file per test
// file, or a fresh PostgreSQL database per test file when TEST_DATABASE_URL names a PostgreSQL server.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const only = process.argv.slice(2);
const files = only.length ? only : testFiles('test').sort();
const store = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
console.log(`clientele tests: ${files.length} files on ${store}`);
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${Math.max(2, availableParallelism())}`,
    ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
