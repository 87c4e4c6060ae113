import { readFileSync } from 'node:fs';

/** The demo hotel's inventory file, shipped in the repository (examples/demo-hotel.json). */
export const DEMO_INVENTORY_PATH = new URL('../examples/demo-hotel.json', import.meta.url);

export function readDemoInventory(): unknown {
  return JSON.parse(readFileSync(DEMO_INVENTORY_PATH, 'utf8'));
}
