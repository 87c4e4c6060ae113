import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfig } from '../config.ts';
import { copySqlite, sqliteFacts, sqliteInUse, type SqliteFacts } from '../store/backup.ts';
import { NewerSchema } from '../store/migrate.ts';
import { migrations } from '../store/migrations/index.ts';
import { CommandFailed, command, parse, requireValue } from './args.ts';
import { print } from './output.ts';

const BACKUP = 'backup --to FILE [--json]';
const RESTORE = 'restore --from FILE [--json]';

/** The SQLite path of the configured store; a PostgreSQL store is backed up with its own tools (said here). */
function sqlitePath(verb: 'backup' | 'restore'): string {
  const url = loadConfig().databaseUrl;
  if (url.startsWith('sqlite:')) return url.slice('sqlite:'.length);
  const target = new URL(url);
  target.password = '';
  const how =
    verb === 'backup'
      ? `pg_dump --format=custom --file=FILE '${target}'`
      : `pg_restore --no-owner --exit-on-error --dbname='${target}' FILE (into an empty database, servers stopped)`;
  throw new CommandFailed(
    `a PostgreSQL store is ${verb === 'backup' ? 'backed up' : 'restored'} with PostgreSQL's own tools: ${how}. ` +
      'See docs/operations.md, Backups.',
  );
}

function checked(path: string, facts: SqliteFacts): SqliteFacts {
  if (facts.integrity !== 'ok')
    throw new CommandFailed(`${path} fails SQLite's integrity check: ${facts.integrity}`);
  const unknown = facts.migrations.filter((name) => !Object.hasOwn(migrations, name));
  if (unknown.length) throw new NewerSchema(unknown);
  return facts;
}

const summary = (facts: SqliteFacts, bytes: number) =>
  `${bytes} bytes, ${facts.tenants} tenant${facts.tenants === 1 ? '' : 's'}, ` +
  `schema ${facts.migrations.at(-1) ?? 'empty'}, integrity ok`;

async function backup(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    { to: { type: 'string' }, json: { type: 'boolean' } },
    `usage: clientele ${BACKUP}`,
  );
  const to = requireValue(values.to, '--to');
  const path = sqlitePath('backup');
  if (!existsSync(path)) throw new CommandFailed(`there is no SQLite store at ${path}: check DATABASE_URL`);
  if (existsSync(to))
    throw new CommandFailed(`${to} exists: a backup never overwrites a file, name a new one`);
  // Else SQLite's refusal to open the copy reads as one to open the store, which is fine.
  if (!existsSync(dirname(to)))
    throw new CommandFailed(`the folder ${dirname(to)} does not exist: make it first`);
  // Written under another name first: a backup cut short never passes for a whole one.
  const partial = `${to}.partial`;
  rmSync(partial, { force: true });
  try {
    copySqlite(path, partial);
    const facts = checked(partial, sqliteFacts(partial));
    renameSync(partial, to);
    const bytes = statSync(to).size;
    print(
      values.json,
      { store: `sqlite:${path}`, file: to, bytes, ...facts },
      () => `backed up ${path} to ${to}: ${summary(facts, bytes)}`,
    );
    return 0;
  } finally {
    rmSync(partial, { force: true });
  }
}

async function restore(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    { from: { type: 'string' }, json: { type: 'boolean' } },
    `usage: clientele ${RESTORE}`,
  );
  const from = requireValue(values.from, '--from');
  const path = sqlitePath('restore');
  if (!existsSync(from)) throw new CommandFailed(`${from} does not exist`);
  const facts = checked(from, sqliteFacts(from));
  if (sqliteInUse(path))
    throw new CommandFailed(
      `${path} is open in a running server (${path}-wal exists): stop every server first`,
    );
  if (existsSync(path) && sqliteFacts(path).tenants > 0)
    throw new CommandFailed(
      `${path} holds data: restore only into an empty store (move that file away first)`,
    );
  const partial = `${path}.restoring`;
  mkdirSync(dirname(path), { recursive: true });
  copyFileSync(from, partial);
  renameSync(partial, path);
  print(
    values.json,
    { store: `sqlite:${path}`, file: from, ...facts },
    () => `restored ${from} into ${path}: ${summary(facts, statSync(path).size)}`,
  );
  return 0;
}

export const backupCommand = command(
  {
    summary: 'copy the SQLite store to a file while servers run (PostgreSQL: pg_dump)',
    usage: [
      `usage: clientele ${BACKUP}`,
      '',
      'Takes a consistent copy of the SQLite store named by DATABASE_URL, while servers keep serving and writing',
      "(SQLite's VACUUM INTO: one snapshot of what was committed when it began), checks the copy's integrity, and",
      'writes it to FILE, which must not exist. A PostgreSQL store is backed up with pg_dump (the command says how).',
      'Restore with `clientele restore --from FILE`. docs/operations.md, Backups.',
    ].join('\n'),
  },
  backup,
);

export const restoreCommand = command(
  {
    summary: 'put a backup in place of an empty, stopped SQLite store (PostgreSQL: pg_restore)',
    usage: [
      `usage: clientele ${RESTORE}`,
      '',
      'Checks the backup (integrity, and a schema this version knows), then copies it to the SQLite path of',
      'DATABASE_URL, which must not be in use (stop every server) and must be missing or hold no tenant. The next',
      '`clientele serve` migrates it if it is older. A PostgreSQL store is restored with pg_restore.',
    ].join('\n'),
  },
  restore,
);
