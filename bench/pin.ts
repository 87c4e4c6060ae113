import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * Where each side of a measurement runs: the server (and PostgreSQL) on core 0, the load generator on core 1, so
 * that wrk never takes CPU from the server it measures. On a machine with one core both share it.
 */
export const SERVER_CORE = '0';
export const LOAD_CORE = availableParallelism() > 1 ? '1' : '0';
const ALL_CORES = `0-${availableParallelism() - 1}`;

/** `command args…` run on the server's core. */
export const onServerCore = (command: string, args: string[]) => ({
  command: 'taskset',
  args: ['-c', SERVER_CORE, command, ...args],
});

function postgresPids(): number[] {
  try {
    return execFileSync('pgrep', ['-x', 'postgres'], { encoding: 'utf8' }).trim().split('\n').map(Number);
  } catch {
    return [];
  }
}

function setAffinity(cores: string): void {
  for (const pid of postgresPids()) {
    try {
      execFileSync('taskset', ['-a', '-p', '-c', cores, String(pid)], { stdio: 'ignore' });
    } catch {
      // A backend that ended meanwhile.
    }
  }
}

/**
 * Pins every PostgreSQL process (its server and backends; new backends inherit it) to the server's core for the
 * run, and always gives them every core back afterwards, on an interrupt too: later work on the machine must not
 * find its database confined to one core.
 */
export function pinPostgres(): () => void {
  setAffinity(SERVER_CORE);
  const release = () => setAffinity(ALL_CORES);
  const onSignal = () => {
    release();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    release();
  };
}
