import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * `--compare REF`: the compared commit's store, migrated by that commit, gets HEAD's seeded rows copied in, table
 * by table, in the columns both schemas have. Seeding it through HEAD's store functions instead breaks as soon as
 * HEAD's schema gains a column the older commit lacks; a copy also gives both commits exactly the same data, ids
 * and keys. Columns only the older schema has take their defaults.
 */
export async function copySeeded(kind: 'sqlite' | 'postgres', from: string, to: string): Promise<void> {
  if (kind === 'sqlite') copySqlite(path(from), path(to));
  else await copyPostgres(from, to);
}

const path = (url: string) => url.replace(/^sqlite:/, '');
/** The migrator's own tables: each commit keeps the list of its migrations. */
const SKIPPED = /^(sqlite_|kysely_migration)/;

function copySqlite(from: string, to: string): void {
  const db = new Database(to);
  try {
    db.pragma('foreign_keys = off');
    db.prepare('attach database ? as seeded').run(from);
    const tables = (name: string) =>
      (
        db.prepare(`select name from ${name}.sqlite_master where type = 'table'`).all() as Array<{
          name: string;
        }>
      ).map((t) => t.name);
    const columns = (schema: string, table: string) =>
      (db.prepare(`pragma ${schema}.table_info("${table}")`).all() as Array<{ name: string }>).map(
        (c) => c.name,
      );
    const seeded = new Set(tables('seeded'));
    db.transaction(() => {
      for (const table of tables('main')) {
        if (SKIPPED.test(table) || !seeded.has(table)) continue;
        const theirs = new Set(columns('seeded', table));
        const common = columns('main', table)
          .filter((c) => theirs.has(c))
          .map((c) => `"${c}"`)
          .join(', ');
        db.exec(`insert into main."${table}" (${common}) select ${common} from seeded."${table}"`);
      }
    })();
  } finally {
    db.close();
  }
}

async function copyPostgres(from: string, to: string): Promise<void> {
  const source = new pg.Client({ connectionString: from });
  const target = new pg.Client({ connectionString: to });
  await source.connect();
  await target.connect();
  try {
    const columnsOf = async (client: pg.Client) => {
      const { rows } = await client.query<{ table_name: string; column_name: string }>(
        `select table_name, column_name from information_schema.columns where table_schema = 'public'
         order by table_name, ordinal_position`,
      );
      const byTable = new Map<string, string[]>();
      for (const r of rows) byTable.set(r.table_name, [...(byTable.get(r.table_name) ?? []), r.column_name]);
      return byTable;
    };
    const theirs = await columnsOf(source);
    for (const [table, ours] of await columnsOf(target)) {
      const seeded = theirs.get(table);
      if (SKIPPED.test(table) || !seeded) continue;
      const common = ours
        .filter((c) => seeded.includes(c))
        .map((c) => `"${c}"`)
        .join(', ');
      await pipeCopy(
        from,
        `\\copy (select ${common} from "${table}") to stdout`,
        to,
        `\\copy "${table}" (${common}) from stdin`,
      );
    }
    // Rows came with their ids: every sequence moves past the largest one copied.
    const { rows } = await target.query<{ table_name: string; column_name: string; seq: string }>(
      `select table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) as seq
       from information_schema.columns where table_schema = 'public'
       and pg_get_serial_sequence(quote_ident(table_name), column_name) is not null`,
    );
    for (const r of rows) {
      await target.query(
        `select setval($1, coalesce((select max("${r.column_name}") from "${r.table_name}"), 0) + 1, false)`,
        [r.seq],
      );
    }
  } finally {
    await source.end();
    await target.end();
  }
}

/** `psql FROM -c OUT | psql TO -c IN`: COPY's text format, streamed between the two databases. */
function pipeCopy(from: string, out: string, to: string, into: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const reader = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', from, '-c', out], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // As a replica: foreign keys are not checked while the tables arrive one by one, in any order.
    const writer = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', to, '-c', into], {
      stdio: ['pipe', 'ignore', 'inherit'],
      env: { ...process.env, PGOPTIONS: '-c session_replication_role=replica' },
    });
    reader.stdout.pipe(writer.stdin);
    let pending = 2;
    const done = (name: string) => (code: number | null) => {
      if (code !== 0) reject(new Error(`${name} exited ${code}: ${out} | ${into}`));
      else if (--pending === 0) resolve();
    };
    reader.on('exit', done('psql (read)'));
    writer.on('exit', done('psql (write)'));
    // psql missing: Debian's postgresql-client has it.
    reader.on('error', reject);
    writer.on('error', reject);
  });
}
