import type { Db } from '../store/db.ts';
import * as store from '../store/tenant-state.ts';
import { inTransaction } from '../store/transaction.ts';
import { nowIso } from './dates.ts';
import { unopenable } from './document-seal.ts';
import { invalid } from './errors.ts';
import { getTenant } from './tenants.ts';
import { MAX_INT32 } from './int32.ts';

/**
 * Reset, snapshot and restore of a tenant's state (docs/sandbox.md). A snapshot is one JSON document, written
 * table by table as it is read: `{"format": "clientele-snapshot", "version": 1, "tenant": 7, "taken_at": …,
 * "tables": {"property_settings": [rows…], …}, "complete": true}`, every row as the store holds it, ids included.
 * A restore puts exactly those rows back in one transaction, or refuses the whole document.
 */
export const SNAPSHOT_FORMAT = 'clientele-snapshot';
export const SNAPSHOT_VERSION = 1;
const PAGE = 500;

/** Empties the tenant's customers, reservations (and their rooms, guests, meals, extras, notes, payments), cards,
 * agencies and journal, and restarts its reservation numbers; keys, inventory, rates and webhooks stay. */
export async function resetTenant(db: Db, tenantId: number): Promise<void> {
  await getTenant(db, tenantId);
  await inTransaction(db, (trx) => store.resetTenantData(trx, tenantId));
}

/** The snapshot as chunks of JSON text, read a page at a time (the tenant must exist). */
export async function* snapshotChunks(db: Db, tenantId: number): AsyncGenerator<string> {
  await getTenant(db, tenantId);
  const head = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, tenant: tenantId, taken_at: nowIso() };
  yield `${JSON.stringify(head).slice(0, -1)},"tables":{`;
  let firstTable = true;
  for (const st of store.STATE_TABLES) {
    yield `${firstTable ? '' : ','}${JSON.stringify(st.name)}:[`;
    firstTable = false;
    let first = true;
    for (let offset = 0; ; offset += PAGE) {
      const rows = await store.statePage(db, tenantId, st, offset, PAGE);
      if (rows.length > 0) {
        yield `${first ? '' : ','}${rows.map((row) => JSON.stringify(row)).join(',')}`;
        first = false;
      }
      if (rows.length < PAGE) break;
    }
    yield ']';
  }
  yield '},"complete":true}\n';
}

type Row = Record<string, unknown>;

/** Checks a snapshot document against the tenant and the store's tables; returns its rows by table. */
async function validateSnapshot(db: Db, tenantId: number, doc: unknown): Promise<Record<string, Row[]>> {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw invalid('a snapshot is a JSON object');
  const d = doc as Record<string, unknown>;
  if (d.format !== SNAPSHOT_FORMAT)
    throw invalid(`not a Clientele snapshot (format ${SNAPSHOT_FORMAT})`, 'format');
  if (d.version !== SNAPSHOT_VERSION)
    throw invalid(
      `snapshot version ${JSON.stringify(d.version)}: this server reads version ${SNAPSHOT_VERSION}`,
      'version',
    );
  if (d.tenant !== tenantId)
    throw invalid(`a snapshot of tenant ${JSON.stringify(d.tenant)}, not ${tenantId}`, 'tenant');
  if (d.complete !== true) throw invalid('the snapshot is truncated (no "complete": true)', 'complete');
  const tables = d.tables;
  if (typeof tables !== 'object' || tables === null || Array.isArray(tables))
    throw invalid('tables missing', 'tables');
  const known = new Set(store.STATE_TABLES.map((st) => st.name));
  for (const name of Object.keys(tables))
    if (!known.has(name)) throw invalid(`unknown table: ${name}`, 'tables');
  const out: Record<string, Row[]> = {};
  for (const st of store.STATE_TABLES) {
    const rows = (tables as Record<string, unknown>)[st.name];
    if (!Array.isArray(rows))
      throw invalid(`the snapshot is truncated (no table ${st.name})`, `tables.${st.name}`);
    const columns = await store.columnsOf(db, st.name);
    for (const row of rows) {
      if (typeof row !== 'object' || row === null || Array.isArray(row))
        throw invalid(`a row of ${st.name} is not an object`, `tables.${st.name}`);
      for (const [column, value] of Object.entries(row)) {
        if (!columns.has(column)) throw invalid(`unknown column ${st.name}.${column}`, `tables.${st.name}`);
        if (value !== null && typeof value === 'object')
          throw invalid(`${st.name}.${column} holds an object`, `tables.${st.name}`);
        // A value of the column's kind: SQLite would keep a text in an integer column (or a number in a text one)
        // that PostgreSQL refuses, and every read of the row would then fail (a 500 from then on).
        const kind = columns.get(column);
        if (
          value !== null &&
          ((kind === 'integer' && !Number.isSafeInteger(value)) ||
            (kind === 'text' && typeof value !== 'string'))
        )
          throw invalid(
            `${st.name}.${column} holds ${JSON.stringify(value)}, not ${kind === 'text' ? 'a text' : 'a whole number'}`,
            `tables.${st.name}`,
          );
        // Ids are 32-bit in both stores; SQLite would take a larger one that PostgreSQL refuses. Only numbers are
        // looked at: some `_id` columns hold text (`external_id`).
        const isId = column === 'id' || column.endsWith('_id');
        if (
          isId &&
          typeof value === 'number' &&
          !(Number.isInteger(value) && value >= 0 && value <= MAX_INT32)
        )
          throw invalid(`${st.name}.${column} is not an id: ${JSON.stringify(value)}`, `tables.${st.name}`);
      }
      if ((row as Row).tenant_id !== tenantId)
        throw invalid(
          `a row of ${st.name} belongs to tenant ${JSON.stringify((row as Row).tenant_id)}`,
          `tables.${st.name}`,
        );
    }
    out[st.name] = rows as Row[];
  }
  checkReferences(out);
  // The one state column that holds JSON, read back with JSON.parse: anything else made every read of the rooms a 500.
  for (const row of out.rooms!)
    if (!isTextList(row.tags))
      throw invalid(
        `rooms.tags of room ${JSON.stringify(row.id)} is not a JSON list of texts`,
        'tables.rooms',
      );
  for (const row of out.customer_documents!) {
    const why = unopenable(tenantId, row);
    if (why !== undefined)
      throw invalid(
        `customer_documents row ${JSON.stringify(row.id)}: ${why} ` +
          '(a snapshot restores into the store it was taken from)',
        'tables.customer_documents',
      );
  }
  return out;
}

function isTextList(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const list: unknown = JSON.parse(value);
    return Array.isArray(list) && list.every((item) => typeof item === 'string');
  } catch {
    return false;
  }
}

/**
 * Every id a row names (a booker, a guest, a card's holder…) must be that of a row of the snapshot itself: the
 * schema's foreign keys name the id alone, so the store would take an id of another tenant's row there, and that
 * tenant could then no longer erase or merge the person (a foreign key of the restored tenant still names them).
 */
function checkReferences(tables: Record<string, Row[]>): void {
  const ids = new Map<string, Set<string>>();
  const idsOf = (name: string) => {
    let set = ids.get(name);
    if (set === undefined) ids.set(name, (set = new Set(tables[name]!.map((row) => String(row.id)))));
    return set;
  };
  for (const st of store.STATE_TABLES)
    for (const [column, parent] of Object.entries(st.refs))
      for (const row of tables[st.name]!) {
        const value = row[column];
        if (value === null || value === undefined || idsOf(parent).has(String(value))) continue;
        throw invalid(
          `${st.name}.${column} names ${parent} ${JSON.stringify(value)}, which is not a row of the snapshot`,
          `tables.${st.name}`,
        );
      }
}

/** Puts a snapshot back: every state row of the tenant replaced, in one transaction; nothing changed on refusal. */
export async function restoreTenant(db: Db, tenantId: number, doc: unknown): Promise<{ rows: number }> {
  await getTenant(db, tenantId);
  const tables = await validateSnapshot(db, tenantId, doc);
  try {
    await inTransaction(db, (trx) => store.replaceTenantState(trx, tenantId, tables));
  } catch (error) {
    if (error instanceof store.RejectedRows)
      throw invalid(
        `the store refused the snapshot's rows (ids of another tenant, or rows that do not fit): ${error.message}`,
      );
    throw error;
  }
  return { rows: Object.values(tables).reduce((n, rows) => n + rows.length, 0) };
}
