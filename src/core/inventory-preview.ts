import type { Db } from '../store/db.ts';
import { exportInventory, importInventory, type Inventory } from './inventory.ts';

/** One list of the inventory file (`rooms`, `rate_values`, …): how many entries before and after, and which differ. */
export interface SectionChange {
  section: string;
  before: number;
  after: number;
  added: string[];
  removed: string[];
  changed: string[];
}

/** A single value of the file (`prefix`, `vat`, `tourist_tax`, …) that would change. */
export interface ValueChange {
  key: string;
  from: unknown;
  to: unknown;
}

export interface InventoryPreview {
  changes: number;
  values: ValueChange[];
  sections: SectionChange[];
}

/** Carries the inventory as it would be out of the transaction that is rolled back. */
class RolledBack extends Error {
  constructor(readonly after: Awaited<ReturnType<typeof exportInventory>>) {
    super('preview rolled back');
  }
}

/** How an entry is named in a preview: its id, or for a day-value range its product and nights. */
function entryKey(entry: unknown): string {
  const e = (entry ?? {}) as Record<string, unknown>;
  if (e.id !== undefined) return String(e.id);
  if (e.product !== undefined)
    return `product ${String(e.product)} ${String(e.from)}…${String(e.to ?? e.from)}`;
  return JSON.stringify(entry);
}

function sectionChange(section: string, before: unknown[], after: unknown[]): SectionChange {
  const old = new Map(before.map((e) => [entryKey(e), JSON.stringify(e)]));
  const now = new Map(after.map((e) => [entryKey(e), JSON.stringify(e)]));
  return {
    section,
    before: before.length,
    after: after.length,
    added: [...now.keys()].filter((k) => !old.has(k)),
    removed: [...old.keys()].filter((k) => !now.has(k)),
    changed: [...now].filter(([k, text]) => old.has(k) && old.get(k) !== text).map(([k]) => k),
  };
}

/**
 * What importing `inventory` would change, found by importing it for real inside a transaction that is then rolled
 * back: the same rules and the same refusals (a room with reservations removed: 409) as the import itself, and
 * nothing written. The file is compared as `export` writes it before and after, so a preview of the exported file
 * shows no change.
 */
export async function previewInventory(
  db: Db,
  tenantId: number,
  inventory: Inventory,
): Promise<InventoryPreview> {
  const before = await exportInventory(db, tenantId);
  let after: typeof before;
  try {
    await db.transaction().execute(async (trx) => {
      await importInventory(trx, tenantId, inventory);
      throw new RolledBack(await exportInventory(trx, tenantId));
    });
    throw new Error('the preview transaction was not rolled back');
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    after = error.after;
  }
  const values: ValueChange[] = [];
  const sections: SectionChange[] = [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const key of keys) {
    const from = (before as Record<string, unknown>)[key];
    const to = (after as Record<string, unknown>)[key];
    if (Array.isArray(from) || Array.isArray(to)) {
      sections.push(sectionChange(key, (from as unknown[]) ?? [], (to as unknown[]) ?? []));
    } else if (JSON.stringify(from) !== JSON.stringify(to)) {
      values.push({ key, from: from ?? null, to: to ?? null });
    }
  }
  const changes =
    values.length + sections.reduce((n, s) => n + s.added.length + s.removed.length + s.changed.length, 0);
  return { changes, values, sections };
}
