import { readFileSync } from 'node:fs';
import {
  exportInventory,
  importInventory,
  settingChanges,
  validateInventory,
  type Inventory,
  type SettingChange,
} from '../core/inventory.ts';
import { readDemoInventory } from '../demo-inventory.ts';
import { CommandFailed, UsageError, command, dispatch, parse, tenantId } from './args.ts';
import { print } from './output.ts';
import { withStore } from './store.ts';

const IMPORT = 'inventory import --tenant ID (FILE | --demo) [--force] [--json]';
const EXPORT = 'inventory export --tenant ID';

function readFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CommandFailed(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${path} is not valid JSON`);
  }
}

const said = (changes: SettingChange[]) => changes.map((c) => `${c.setting} ${c.from} → ${c.to}`).join(', ');

function counts(inventory: Inventory) {
  return {
    roomTypes: inventory.roomTypes.length,
    rooms: inventory.rooms.length,
    products: inventory.products.length,
    extras: inventory.extras.length,
    rates: inventory.rates.length,
    rateNights: inventory.rateValues.length,
    mealBoards: inventory.mealBoards.length,
  };
}

async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      tenant: { type: 'string' },
      demo: { type: 'boolean' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    IMPORT,
    true,
  );
  const tenant = tenantId(values.tenant);
  if (values.demo ? positionals.length !== 0 : positionals.length !== 1)
    throw new UsageError('inventory import takes either one FILE or --demo');
  // Validated whole before the store is opened: a bad file changes nothing.
  const inventory = validateInventory(values.demo ? readDemoInventory() : readFile(positionals[0]!));
  const changed = await withStore(async (db) => {
    // The file's prefix, time zone and currency replace the tenant's: never silently.
    const changes = await settingChanges(db, tenant, inventory);
    if (changes.length && !values.force)
      throw new CommandFailed(
        `the file would change tenant ${tenant}'s ${said(changes)}; nothing was imported. ` +
          `Run again with --force to take the file's values, or edit the file to keep the tenant's.`,
      );
    await importInventory(db, tenant, inventory);
    return changes;
  });
  const imported = counts(inventory);
  print(values.json, { tenant, imported, changed }, () =>
    [
      `imported into tenant ${tenant}: ${imported.roomTypes} room types, ${imported.rooms} rooms, ` +
        `${imported.products} products, ${imported.extras} extras, ${imported.rates} rates ` +
        `(${imported.rateNights} product-nights), ${imported.mealBoards} meal-board prices`,
      ...(changed.length ? [`changed tenant ${tenant}: ${said(changed)}`] : []),
    ].join('\n'),
  );
  return 0;
}

async function exportCommand(args: string[]): Promise<number> {
  // The file is JSON already: --json is accepted so that every command that prints data takes it.
  const { values, positionals } = parse(
    args,
    { tenant: { type: 'string' }, json: { type: 'boolean' } },
    EXPORT,
    true,
  );
  if (positionals.length) throw new UsageError('inventory export takes no FILE: redirect its output');
  const file = await withStore((db) => exportInventory(db, tenantId(values.tenant)));
  console.log(JSON.stringify(file, null, 2));
  return 0;
}

export const inventoryCommand = command(
  {
    summary: "load or print a tenant's property inventory (rooms, products, rates…)",
    usage: [
      `usage: clientele ${IMPORT}`,
      `       clientele ${EXPORT} > FILE`,
      '',
      "import validates the whole file, then replaces the tenant's inventory in one transaction (all or nothing).",
      "When the file's prefix, time zone, currency or country differ from the tenant's, import refuses unless",
      '--force, and says what it changed. --demo loads the demo hotel (examples/demo-hotel.json). The format:',
      'docs/inventory.md.',
    ].join('\n'),
  },
  (args) => dispatch('inventory', { import: importCommand, export: exportCommand }, args),
);
