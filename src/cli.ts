import { ConfigError, loadConfig } from './config.ts';
import { DomainError } from './core/errors.ts';
import {
  CommandFailed,
  HelpRequested,
  UsageError,
  command,
  unknownName,
  type Command,
} from './commands/args.ts';
import { adminTokenCommand } from './commands/admin-token.ts';
import { backupCommand, restoreCommand } from './commands/backup.ts';
import { customerCommand } from './commands/customer.ts';
import { dataKeyCommand } from './commands/data-key.ts';
import { DataKeyError } from './core/data-keys.ts';
import { inventoryCommand } from './commands/inventory.ts';
import { keyCommand } from './commands/key.ts';
import { faultCommand } from './commands/fault.ts';
import { journalCommand } from './commands/journal.ts';
import { migrateCommand } from './commands/migrate.ts';
import { ownerCommand } from './commands/owner.ts';
import { reservationCommand } from './commands/reservation.ts';
import { serveCommand } from './commands/serve.ts';
import { tenantCommand } from './commands/tenant.ts';
import { webhookCommand } from './commands/webhook.ts';
import { StartupError, storeFailure } from './ops/startup-errors.ts';
import { StoreUnavailable } from './store/unavailable.ts';
import { ReferenceGone, UniqueViolation } from './store/unique.ts';
import { VERSION } from './version.ts';

export type { Command };

/**
 * `clientele <command> …`; each command's flags are a public contract (see README). A new command is one line
 * here, its module exporting a `Command` (see commands/args.ts for its help and flags).
 */
const commands: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  tenant: tenantCommand,
  key: keyCommand,
  owner: ownerCommand,
  inventory: inventoryCommand,
  backup: backupCommand,
  restore: restoreCommand,
  'admin-token': adminTokenCommand,
  'data-key': dataKeyCommand,
  customer: customerCommand,
  journal: journalCommand,
  fault: faultCommand,
  webhook: command(
    {
      summary: 'push notifications: webhooks, their deliveries, redelivery',
      usage: [
        'usage: clientele webhook add --tenant ID --url URL [--format zak|clientele] [--events TYPE,TYPE] [--json]',
        '       clientele webhook list [--tenant ID] [--json]',
        '       clientele webhook remove ID',
        '       clientele webhook deliveries [--tenant ID] [--webhook ID] [--status pending|delivered|failed]',
        '                                    [--limit N] [--json]',
        '       clientele webhook redeliver DELIVERY_ID',
        '',
        "add prints the webhook's signing secret once (stored sealed with DATA_KEY_FILE's key); a URL on a",
        'loopback or private address needs WEBHOOK_ALLOW_PRIVATE=1. Format zak by default. docs/webhooks.md.',
      ].join('\n'),
    },
    webhookCommand,
  ),
  reservation: command(
    {
      summary: 'cancel a reservation (emits change_status)',
      usage: 'usage: clientele reservation cancel --tenant ID ID_OR_RCODE',
    },
    reservationCommand,
  ),
};

function overview(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    'usage: clientele <command> [flags]',
    '',
    'commands:',
    ...Object.entries(commands).map(([name, c]) =>
      `  ${name.padEnd(width)}  ${c.help?.summary ?? ''}`.trimEnd(),
    ),
    '',
    '`clientele <command> --help` tells more of one; `clientele --version` prints the version.',
    'Exit codes: 0 done, 1 failed (the message says why), 2 called wrongly (nothing was done).',
    'The environment configures the store and the server: README.md, Configuration.',
  ].join('\n');
}

const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h' || arg === 'help';

/** Runs one command; returns the exit code. Help and data go to standard output, every complaint to standard error. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    console.error(overview());
    return 2;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    console.log(`clientele ${VERSION}`);
    return 0;
  }
  const named = isHelp(name) ? args[0] : undefined;
  if (isHelp(name) && (named === undefined || !Object.hasOwn(commands, named))) {
    console.log(overview());
    return 0;
  }
  const command = Object.hasOwn(commands, named ?? name) ? commands[named ?? name] : undefined;
  if (!command) {
    console.error(
      `clientele: ${unknownName('command', name, Object.keys(commands))}\nclientele --help lists them.`,
    );
    return 2;
  }
  if (named) return printHelp(command, named);
  // `clientele X --help` is `clientele help X` for every command, whatever its own reading of its arguments.
  if (isHelp(args[0])) return printHelp(command, name);
  try {
    return await command(args);
  } catch (error) {
    if (error instanceof HelpRequested) return printHelp(command, name, error.text);
    return complain(name, error);
  }
}

function printHelp(command: Command, name: string, text?: string): number {
  console.log(text ?? command.help?.usage ?? `usage: clientele ${name} …`);
  return 0;
}

/** Says what went wrong in one line (a stack only with LOG_LEVEL=debug) and returns the exit code. */
function complain(name: string, error: unknown): number {
  const say = (message: string) => console.error(`clientele ${name}: ${message}`);
  const calledWrongly =
    error instanceof UsageError ||
    error instanceof ConfigError ||
    (error instanceof DomainError && error.code === 'invalid');
  if (calledWrongly) {
    say((error as Error).message);
    console.error(`clientele ${name} --help tells how to call it.`);
    return 2;
  }
  const words = storeFailure(error, databaseUrl());
  say(words ?? (error instanceof Error ? error.message : String(error)));
  const expected = [
    StartupError,
    CommandFailed,
    DomainError,
    UniqueViolation,
    ReferenceGone,
    StoreUnavailable,
    DataKeyError,
  ];
  if (debugging()) console.error(error instanceof Error ? error.stack : error);
  else if (!words && !expected.some((kind) => error instanceof kind))
    console.error('(LOG_LEVEL=debug prints the stack trace)');
  return 1;
}

function databaseUrl(): string | undefined {
  try {
    return loadConfig().databaseUrl;
  } catch {
    return undefined;
  }
}

function debugging(): boolean {
  try {
    return ['debug', 'trace'].includes(loadConfig().logLevel);
  } catch {
    return false;
  }
}
