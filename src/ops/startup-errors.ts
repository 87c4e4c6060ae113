import { dirname } from 'node:path';
import { NewerSchema } from '../store/migrate.ts';
import { StoreUnavailable } from '../store/unavailable.ts';
import { VERSION } from '../version.ts';

/** A failure already said in words for the person who started the command: printed as it is, exit code 1. */
export class StartupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StartupError';
  }
}

interface Coded {
  code?: string;
  syscall?: string;
  path?: string;
  message?: string;
}

/** Why `listen` failed, in words: a port in use, a port that needs privileges, an address not on this machine. */
export function listenFailure(error: unknown, host: string, port: number): StartupError | undefined {
  const code = (error as Coded | null)?.code;
  const say = (text: string) => new StartupError(text, { cause: error });
  if (code === 'EADDRINUSE')
    return say(`port ${port} is in use on ${host}: set PORT, or stop what listens there`);
  if (code === 'EACCES')
    return say(
      `port ${port} needs privileges this process lacks: set PORT above 1023 (or grant the capability)`,
    );
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return say(`HOST ${host} is not an address of this machine: set HOST (127.0.0.1, 0.0.0.0, ::…)`);
  return undefined;
}

/** The parts of a PostgreSQL URL worth naming, never its password. */
function postgresTarget(url: string) {
  const parsed = new URL(url);
  const host = parsed.hostname || 'localhost';
  return {
    at: `${host}:${parsed.port || '5432'}`,
    host,
    database:
      decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username) || '(default)',
    user: decodeURIComponent(parsed.username) || '(the system user)',
  };
}

function postgresFailure(error: Coded, url: string): string | undefined {
  const { at, host, database, user } = postgresTarget(url);
  const code = error.code ?? '';
  const message = error.message ?? '';
  const check = 'check DATABASE_URL';
  if (code === 'ECONNREFUSED')
    return `cannot reach PostgreSQL at ${at}: connection refused. Check that PostgreSQL runs there and accepts TCP connections (listen_addresses, port), or ${check}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `cannot reach PostgreSQL: host "${host}" not found. Check the host name in DATABASE_URL and this machine's DNS`;
  if (
    code === 'ETIMEDOUT' ||
    code === 'EHOSTUNREACH' ||
    /timeout exceeded when trying to connect/.test(message)
  )
    return `cannot reach PostgreSQL at ${at}: no answer. Check the network and firewalls between here and there, or ${check}`;
  if (code === '28P01' || code === '28000')
    return `PostgreSQL at ${at} refused user "${user}" (${message}). Check the user and password in DATABASE_URL and the server's pg_hba.conf`;
  if (code === '3D000')
    return `database "${database}" does not exist on PostgreSQL at ${at}: create it (createdb -h ${host} -U ${user} ${database}), or ${check}`;
  if (code === '57P03' || code === '53300')
    return `PostgreSQL at ${at} does not accept connections now (${message}): try again shortly`;
  if (code === 'ECONNRESET' || /Connection terminated/.test(message) || /SSL/i.test(message))
    return `PostgreSQL at ${at} closed the connection (${message}). Check its TLS setting (sslmode in DATABASE_URL) and its logs`;
  return undefined;
}

function sqliteFailure(error: Coded, url: string): string | undefined {
  const path = url.slice('sqlite:'.length);
  const folder = dirname(path);
  const code = error.code ?? '';
  const fix = `set DATABASE_URL to a writable place, or let this user write ${folder}`;
  if (error.syscall === 'mkdir' && ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST'].includes(code))
    return `cannot create the folder of the SQLite store ${path} (${code}): ${fix}`;
  if (
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_READONLY' ||
    code.startsWith('SQLITE_READONLY_') ||
    code === 'SQLITE_IOERR_WRITE'
  )
    return `cannot write the SQLite store ${path} (${code}): Clientele writes the file and, beside it, ${path}-wal and ${path}-shm; ${fix}`;
  if (code === 'SQLITE_NOTADB') return `${path} is not a SQLite database: ${check(url)}`;
  if (code === 'SQLITE_CORRUPT')
    return `the SQLite store ${path} is damaged: restore it from a backup (docs/operations.md)`;
  return undefined;
}

const check = (url: string) => `check DATABASE_URL (${url.startsWith('sqlite:') ? url : 'postgres://…'})`;

/**
 * A store failure in words, naming what to check: the store unreachable, refused, missing, unwritable, locked,
 * or migrated by a newer version. Undefined for anything else, which is printed as its own message.
 */
export function storeFailure(error: unknown, databaseUrl: string | undefined): string | undefined {
  if (error instanceof NewerSchema)
    return `the store was migrated by a newer version of Clientele (${error.unknown.join(', ')} unknown to ${VERSION}): run that version, or restore a backup made with this one`;
  if (error instanceof StoreUnavailable && databaseUrl?.startsWith('sqlite:'))
    return `the SQLite store ${databaseUrl.slice('sqlite:'.length)} stayed locked by another process (${error.message}): wait for it, or stop it`;
  if (typeof error !== 'object' || error === null || databaseUrl === undefined) return undefined;
  const coded = error as Coded;
  return databaseUrl.startsWith('sqlite:')
    ? sqliteFailure(coded, databaseUrl)
    : postgresFailure(coded, databaseUrl);
}
