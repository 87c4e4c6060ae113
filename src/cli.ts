import { ConfigError } from './config.ts';
import { DomainError } from './core/errors.ts';
import { adminTokenCommand } from './commands/admin-token.ts';
import { UsageError } from './commands/args.ts';
import { inventoryCommand } from './commands/inventory.ts';
import { keyCommand } from './commands/key.ts';
import { migrateCommand } from './commands/migrate.ts';
import { ownerCommand } from './commands/owner.ts';
import { reservationCommand } from './commands/reservation.ts';
import { serveCommand } from './commands/serve.ts';
import { tenantCommand } from './commands/tenant.ts';
import { webhookCommand } from './commands/webhook.ts';
import { StoreUnavailable } from './store/unavailable.ts';
import { UniqueViolation } from './store/unique.ts';

export type Command = (args: string[]) => Promise<number>;

/** `clientele <command> …`; each command's flags are a public contract (see README). */
const commands: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  tenant: tenantCommand,
  key: keyCommand,
  owner: ownerCommand,
  inventory: inventoryCommand,
  'admin-token': adminTokenCommand,
  webhook: webhookCommand,
  reservation: reservationCommand,
};

const USAGE = `usage: clientele <command>
  serve                                   run the HTTP server (HOST, PORT, DATABASE_URL)
  migrate                                 bring the database schema up to date
  tenant create --name NAME [--prefix XY] [--timezone TZ] [--currency EUR] [--country RU] [--json]
  tenant list [--json]
  key create --tenant ID [--json]         print a new API key (shown once)
  key revoke KEY_PREFIX_OR_ID
  owner create --tenant ID --code CODE [--name NAME] [--json]   a Netstorming owner (tour operator)
  owner list [--tenant ID] [--json]
  inventory import --tenant ID (FILE | --demo)   load a property inventory (all or nothing)
  inventory export --tenant ID            print the tenant's inventory file
  admin-token create [--name NAME] [--json]   print a new admin API token (shown once)
  admin-token list [--json]
  admin-token revoke ID
  webhook add --tenant ID --url URL [--format zak|clientele] [--events TYPE,TYPE] [--json]   (secret shown once)
  webhook list [--tenant ID] [--json]
  webhook remove ID
  webhook deliveries [--tenant ID] [--webhook ID] [--status pending|delivered|failed] [--limit N] [--json]
  webhook redeliver DELIVERY_ID
  reservation cancel --tenant ID ID_OR_RCODE   cancel a reservation (emits its status change)`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    console.error(USAGE);
    return name === undefined || name === 'help' || name === '--help' ? 0 : 2;
  }
  try {
    return await command(args);
  } catch (error) {
    const known = [ConfigError, DomainError, UsageError, UniqueViolation, StoreUnavailable];
    if (known.some((kind) => error instanceof kind)) {
      console.error(`clientele ${name}: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}
