import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

// Files that must never be seen half-written (the data key file is the only copy of the keys): the text goes to a
// new file beside the target, is synced, and only then takes the target's name in one step. A reader sees the
// old file or the new one; a process killed midway leaves the old one whole and a `.partial` file at most.

/** Writes `text` to `path`'s partial file with `mode`, synced to disk; returns that file's path. */
function writePartial(path: string, text: string, mode: number): string {
  const partial = `${path}.${process.pid}.partial`;
  // Left by a killed process of the same id: made anew, so that it takes `mode` (an existing file keeps its own).
  rmSync(partial, { force: true });
  const fd = openSync(partial, 'wx', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw error;
  }
  closeSync(fd);
  return partial;
}

/** Syncs a folder, so that a name just given to a file survives a power cut. */
function syncFolder(path: string): void {
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replaces `path` with `text` in one step (a rename). */
export function replaceFile(path: string, text: string, mode: number): void {
  const partial = writePartial(path, text, mode);
  try {
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  syncFolder(path);
}

/**
 * Creates `path` with `text` unless it exists (a hard link, which fails when the name is taken): of two processes
 * creating it at once, one makes it and the other reads it. Returns whether this call made it.
 */
export function createFileOnce(path: string, text: string, mode: number): boolean {
  const partial = writePartial(path, text, mode);
  try {
    linkSync(partial, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(partial, { force: true });
  }
  syncFolder(path);
  return true;
}
