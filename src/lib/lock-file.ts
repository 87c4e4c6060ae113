import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Another running process holds the lock. */
export class LockedError extends Error {}

/** Creates `lock` holding this process's id, unless it exists. */
function tryCreate(lock: string): boolean {
  try {
    writeFileSync(lock, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The id of the process that wrote `lock` if it still runs. */
function runningHolder(lock: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(lock, 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

/**
 * Runs `fn` while holding the lock file `lock`, and removes it after. A lock left by a process that no longer runs
 * (one killed, say) is taken over; one whose process runs throws LockedError naming it. Processes are told apart by
 * id, so the lock serves processes of one machine.
 */
export async function withLockFile<T>(lock: string, fn: () => Promise<T>): Promise<T> {
  if (!tryCreate(lock)) {
    const holder = runningHolder(lock);
    if (holder !== undefined) throw new LockedError(`process ${holder} holds ${lock}`);
    rmSync(lock, { force: true });
    if (!tryCreate(lock)) throw new LockedError(`another process took ${lock}`);
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}
