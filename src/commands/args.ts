import { parseArgs } from 'node:util';
import { idFromDigits } from '../core/int32.ts';

/**
 * How a command plugs in: one entry in the table of src/cli.ts, name → Command. A Command is the function that runs
 * it, optionally carrying its help (`command(help, run)`): `clientele NAME --help` prints that help, and
 * `clientele --help` lists its summary. Flags are parsed with node's own `util.parseArgs` through `parse` below,
 * which adds `--help`; subcommands go through `dispatch`, which names a mistyped one. Exit codes come from what a
 * command throws (see cli.ts): UsageError 2, CommandFailed 1.
 */
export interface Command {
  (args: string[]): Promise<number>;
  help?: CommandHelp;
}

export interface CommandHelp {
  /** One line for `clientele --help`. */
  summary: string;
  /** `clientele NAME --help`: the synopsis of each form, and what to know. */
  usage: string;
}

export function command(help: CommandHelp, run: (args: string[]) => Promise<number>): Command {
  return Object.assign(run, { help });
}

/** The command was called wrongly (unknown name or flag, a missing or malformed value): exit code 2. */
export class UsageError extends Error {}

/** The command was called rightly but could not do its job (a file missing, a store not empty…): exit code 1. */
export class CommandFailed extends Error {}

/** `--help` was asked for: the text to print on standard output (the command's own help when absent). */
export class HelpRequested extends Error {
  constructor(readonly text?: string) {
    super('help');
  }
}

type Options = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/**
 * Parses `args` strictly: an unknown flag, a missing value, or a word the command does not take (`--name Hotel
 * Italia` unquoted: `Italia`) is a usage error, not a surprise. A command that takes words besides its flags (an id,
 * a file) says so with `operands` and checks them itself. `--help` (or `-h`) anywhere prints `usage: clientele
 * <synopsis>`, or the command's whole help when no synopsis is given.
 */
export function parse<T extends Options>(args: string[], options: T, synopsis?: string, operands = false) {
  const usage = synopsis && `usage: clientele ${synopsis}`;
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: operands,
      strict: true,
    });
  } catch (error) {
    if (args.includes('--help') || args.includes('-h')) throw new HelpRequested(usage);
    const { code, message } = error as Error & { code?: string };
    const word = code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && /'(.*)'/s.exec(message)?.[1];
    if (word)
      throw new UsageError(
        `unexpected '${word}': only flags here; quote a value with spaces ('Hotel Italia')`,
      );
    throw new UsageError(message);
  }
  if ((parsed.values as { help?: boolean }).help) throw new HelpRequested(usage);
  return parsed as ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>;
}

export function requireValue(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

/**
 * An id written in digits, within the 32-bit ids of both stores (core/int32.ts); undefined otherwise. A longer
 * number is a mistake of the caller (exit 2), not a query for PostgreSQL to refuse as out of range.
 */
export function idOf(value: string | boolean | undefined): number | undefined {
  return typeof value === 'string' ? idFromDigits(value) : undefined;
}

export function tenantId(value: string | boolean | undefined): number {
  const raw = requireValue(value, '--tenant');
  const id = idOf(raw);
  if (id === undefined) throw new UsageError(`--tenant must be a tenant id, got "${raw}"`);
  return id;
}

/** Edit distance of two short names, for "did you mean". */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** "unknown command 'serv' — did you mean 'serve'?" (the suggestion only when one name is close). */
export function unknownName(kind: string, given: string, names: string[]): string {
  const close = names
    .map((name) => ({ name, d: name.startsWith(given) && given.length >= 2 ? 0 : distance(given, name) }))
    .filter(({ name, d }) => d <= Math.max(1, Math.floor(name.length / 3)))
    .sort((x, y) => x.d - y.d)[0];
  return `unknown ${kind} '${given}'${close ? ` — did you mean '${close.name}'?` : ''}`;
}

export type Subcommands = Record<string, (args: string[]) => Promise<number>>;

/** Runs the subcommand named first in `args` (`tenant create …`); `group --help` asks for the group's help. */
export function dispatch(group: string, subcommands: Subcommands, args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === '--help' || name === '-h' || name === 'help') throw new HelpRequested();
  const names = Object.keys(subcommands);
  if (name === undefined) throw new UsageError(`${group} needs a subcommand: ${names.join(', ')}`);
  const run = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  if (!run) throw new UsageError(unknownName(`${group} command`, name, names));
  return run(rest);
}
