import { StoreUnavailable } from '../store/unavailable.ts';

/**
 * Whether an error means the database cannot be reached or is going away, rather than a fault of the request or
 * of Clientele: the store's own `StoreUnavailable` (SQLite's write lock held elsewhere past the wait), a connection
 * refused or cut, PostgreSQL shutting down or refusing new connections, SQLite's file locked by another process. Such a failure is answered 503 (try again later), not 500, in each
 * dialect's own shape. Kept apart from any one dialect so a readiness check can use the same test.
 */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailable) return true;
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || isPostgresUnavailable(code))) return true;
  if (typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'))) return true;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && PG_CLIENT_MESSAGES.some((m) => message.includes(m));
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/** SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown, cannot connect now), 53300 (too many). */
function isPostgresUnavailable(code: string): boolean {
  return (
    code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300'
  );
}

/** What node-postgres throws, without a code, for a connection that broke under it or before it. */
const PG_CLIENT_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
];

/**
 * Why the store cannot write, when the cause is the machine under it rather than the request or Clientele: SQLite's
 * disk full, its file or folder made read-only, an I/O error of the disk; PostgreSQL read-only (a standby after a
 * failover, `default_transaction_read_only`), out of disk, out of memory, or failing an I/O. Answered 503 as
 * `isUnavailable` errors are (nothing was written: the transaction rolled back), but an operator must act, so the
 * log says what to check.
 */
export function storeWriteFault(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_FULL')
    return 'the disk is full (SQLITE_FULL): free space on the disk of the SQLite file';
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_'))
    return `the SQLite file or its folder is read-only (${code}): let the server's user write both`;
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_'))
    return `the disk of the SQLite file failed a read or write (${code}): check the disk and the system log`;
  return POSTGRES_WRITE_FAULTS.get(code);
}

/** PostgreSQL's SQLSTATEs of a server that cannot write for now, and what to check. */
const POSTGRES_WRITE_FAULTS = new Map([
  [
    '25006',
    'PostgreSQL is read-only (SQLSTATE 25006): DATABASE_URL points at a standby (after a failover?) or ' +
      'default_transaction_read_only is on; point it at the primary, or turn read-only off',
  ],
  ['53100', 'PostgreSQL is out of disk space (SQLSTATE 53100): free space on the database server'],
  ['53200', "PostgreSQL is out of memory (SQLSTATE 53200): check the database server's memory and its log"],
  ['58030', 'PostgreSQL failed a read or write of its disk (SQLSTATE 58030): check its disk and its log'],
]);
