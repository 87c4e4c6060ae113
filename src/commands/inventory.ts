import { readFileSync } from 'node:fs';
import { exportInventory, importInventory, validateInventory } from '../core/inventory.ts';
import { readDemoInventory } from '../demo-inventory.ts';
import { UsageError, parse, tenantId } from './args.ts';
import { withStore } from './store.ts';

const USAGE = 'inventory import --tenant ID (FILE | --demo) | inventory export --tenant ID';

function readFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${path} is not valid JSON`);
  }
}

export async function inventoryCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'import') {
    const { values, positionals } = parse(rest, { tenant: { type: 'string' }, demo: { type: 'boolean' } });
    const tenant = tenantId(values.tenant);
    if (values.demo ? positionals.length !== 0 : positionals.length !== 1) throw new UsageError(USAGE);
    // Validated whole before the store is opened: a bad file changes nothing.
    const inventory = validateInventory(values.demo ? readDemoInventory() : readFile(positionals[0]!));
    await withStore((db) => importInventory(db, tenant, inventory));
    console.log(
      `imported into tenant ${tenant}: ${inventory.roomTypes.length} room types, ${inventory.rooms.length} rooms, ` +
        `${inventory.products.length} products, ${inventory.extras.length} extras, ${inventory.rates.length} rates ` +
        `(${inventory.rateValues.length} product-nights), ${inventory.mealBoards.length} meal-board prices`,
    );
    return 0;
  }
  if (sub === 'export') {
    const { values, positionals } = parse(rest, { tenant: { type: 'string' } });
    if (positionals.length) throw new UsageError(USAGE);
    const file = await withStore((db) => exportInventory(db, tenantId(values.tenant)));
    console.log(JSON.stringify(file, null, 2));
    return 0;
  }
  throw new UsageError(USAGE);
}
