import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Checkout {
  /** What the report calls it: the ref as given. */
  label: string;
  /** The folder of its `bin/clientele.js`. */
  tree: string;
  remove(): void;
}

/**
 * `--compare REF`: the commit as a git worktree in a temporary folder, with this checkout's installed packages
 * hard-linked in (so the commit must run on the same dependencies), removed after the run.
 */
export function checkout(ref: string): Checkout {
  const parent = mkdtempSync(join(tmpdir(), 'clientele-compare-'));
  const tree = join(parent, 'tree');
  execFileSync('git', ['worktree', 'add', '--detach', tree, ref], { stdio: 'ignore' });
  execFileSync('cp', ['-al', 'node_modules', join(tree, 'node_modules')]);
  return {
    label: ref,
    tree,
    remove: () => {
      execFileSync('git', ['worktree', 'remove', '--force', tree], { stdio: 'ignore' });
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
