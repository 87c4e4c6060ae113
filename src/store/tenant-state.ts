import { sql } from 'kysely';
import { kindOf, type Db } from './db.ts';
import { lastReservationNumber } from './reservations.ts';
import { setSequence } from './reservations-bulk.ts';

/**
 * A tenant's state as the sandbox resets, snapshots and restores it (docs/sandbox.md): every table that holds a
 * tenant's rows except its keys, webhooks, outbox and the sandbox's own tables. Listed parents first, the order a
 * restore inserts in (deletes go the other way). `data` tables are what a reset empties; the others (inventory,
 * rates, card types, customer groups, owners) a reset keeps, a restore replaces. `order` is each table's key.
 */
export interface StateTable {
  name: string;
  order: string[];
  data: boolean;
  /** An auto-incremented `id` (PostgreSQL's sequence is moved past restored ids). */
  serial: boolean;
  /**
   * The columns that hold the `id` of a row of another state table (`{booker: 'customers'}`): the schema's foreign
   * keys, which name the id alone, so the database would take an id of another tenant's row there.
   */
  refs: Readonly<Record<string, string>>;
}

const t = (
  name: string,
  order: string[],
  data: boolean,
  refs: Record<string, string> = {},
  serial = order[0] === 'id',
): StateTable => ({ name, order, data, serial, refs });

export const STATE_TABLES: readonly StateTable[] = [
  t('property_settings', ['tenant_id'], false),
  t('room_types', ['id'], false, {}, false),
  t('rooms', ['id'], false, {}, false),
  t('products', ['id'], false, {}, false),
  t('extras', ['id'], false, {}, false),
  t('rates', ['id'], false, {}, false),
  t('rate_values', ['product_id', 'day'], false),
  t('meal_boards', ['id'], false, {}, false),
  t('card_types', ['id'], false),
  t('customer_groups', ['id'], false),
  t('owners', ['id'], false),
  t('customers', ['id'], true, { group_id: 'customer_groups' }),
  t('customer_documents', ['id'], true, { customer_id: 'customers' }),
  t('agencies', ['id'], true, { owner_id: 'owners' }),
  t('agency_users', ['id'], true, { agency_id: 'agencies' }),
  t('reservation_counters', ['tenant_id'], true),
  t('reservations', ['id'], true, { booker: 'customers' }),
  t('reservation_rooms', ['id'], true, { reservation_id: 'reservations' }),
  t('room_nights', ['room_id', 'night'], true, { reservation_id: 'reservations' }),
  t('room_customers', ['id'], true, {
    reservation_id: 'reservations',
    reservation_room_id: 'reservation_rooms',
    customer_id: 'customers',
  }),
  t('meals', ['id'], true, { reservation_id: 'reservations' }),
  t('reservation_extras', ['id'], true, { reservation_id: 'reservations' }),
  t('reservation_notes', ['id'], true, { reservation_id: 'reservations' }),
  t('reservation_payments', ['id'], true, { reservation_id: 'reservations' }),
  t('discount_cards', ['id'], true, { customer_id: 'customers', type_id: 'card_types' }),
];

type Row = Record<string, unknown>;
// The table names are the fixed list above; Kysely's typed builder is bypassed only for that name.
const table = (name: string) => name as 'customers';

/** A write of a restore that the database refused (a key taken by another tenant, a missing parent…). */
export class RejectedRows extends Error {}

// Integrity (23…) and data exceptions (22…: a text for a boolean, a number out of range): the rows, not the store.
function isConstraintError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (/^2[23][0-9A-Z]{3}$/.test(code) || code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH')
  );
}

/** Empties the tenant's `data` tables (children first) and its journal. */
export async function resetTenantData(trx: Db, tenantId: number): Promise<void> {
  for (const st of [...STATE_TABLES].reverse()) {
    if (st.data) await trx.deleteFrom(table(st.name)).where('tenant_id', '=', tenantId).execute();
  }
  await trx.deleteFrom('request_journal').where('tenant_id', '=', tenantId).execute();
  await forgetAnswers(trx, tenantId);
  // PostgreSQL numbers reservations with a sequence (reservations.ts): it restarts as the counter row's removal
  // restarts SQLite's.
  if (kindOf(trx) === 'postgres') await setSequence(trx, tenantId, 0);
}

/** Replies stored under Idempotency-Keys describe the state a reset or a restore replaces: they go with it. */
function forgetAnswers(trx: Db, tenantId: number) {
  return trx.deleteFrom('idempotency_keys').where('tenant_id', '=', tenantId).execute();
}

/** One page of a table's rows of a tenant, in key order. */
export async function statePage(db: Db, tenantId: number, st: StateTable, offset: number, limit: number) {
  // PostgreSQL's counter is the tenant's sequence (reservations.ts); the snapshot holds it as SQLite's row.
  if (st.name === 'reservation_counters' && kindOf(db) === 'postgres') {
    const last = offset === 0 ? await lastReservationNumber(db, tenantId) : 0;
    return last > 0 ? [{ tenant_id: tenantId, last }] : [];
  }
  let query = db.selectFrom(table(st.name)).selectAll().where('tenant_id', '=', tenantId);
  for (const column of st.order) query = query.orderBy(sql.ref(column));
  return (await query.limit(limit).offset(offset).execute()) as Row[];
}

/** What a column holds, as the database declares it: whole numbers (`integer`, `bigint`) or text. */
export type ColumnKind = 'integer' | 'text' | 'other';

const kindOfType = (type: string): ColumnKind =>
  /^(integer|bigint)$/i.test(type) ? 'integer' : /^text$/i.test(type) ? 'text' : 'other';

/** The columns a table has and what each holds, as the database says. */
export async function columnsOf(db: Db, name: string): Promise<Map<string, ColumnKind>> {
  const { rows } =
    kindOf(db) === 'postgres'
      ? await sql<{ name: string; type: string }>`
          select column_name as name, data_type as type from information_schema.columns
          where table_schema = current_schema() and table_name = ${name}`.execute(db)
      : await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${name})`.execute(
          db,
        );
  return new Map(rows.map((r) => [r.name, kindOfType(r.type)]));
}

const CHUNK = 100;

/** Inside a transaction: replaces every state table's rows of the tenant with `tables` (rows as given). */
export async function replaceTenantState(
  trx: Db,
  tenantId: number,
  tables: Record<string, Row[]>,
): Promise<void> {
  for (const st of [...STATE_TABLES].reverse())
    await trx.deleteFrom(table(st.name)).where('tenant_id', '=', tenantId).execute();
  try {
    for (const st of STATE_TABLES) {
      const rows = tables[st.name] ?? [];
      for (let i = 0; i < rows.length; i += CHUNK)
        await trx
          .insertInto(table(st.name))
          .values(rows.slice(i, i + CHUNK) as never)
          .execute();
    }
  } catch (error) {
    if (isConstraintError(error)) throw new RejectedRows((error as Error).message);
    throw error;
  }
  await forgetAnswers(trx, tenantId);
  if (kindOf(trx) === 'postgres') {
    await advanceSequences(trx);
    await setSequence(trx, tenantId, Number(tables.reservation_counters?.[0]?.last ?? 0));
  }
}

/** PostgreSQL: a sequence never hands out an id a restore put back. */
async function advanceSequences(trx: Db): Promise<void> {
  for (const st of STATE_TABLES) {
    if (!st.serial) continue;
    await sql`select setval(pg_get_serial_sequence(${st.name}, 'id'), m.top)
      from (select max(id) as top from ${sql.table(st.name)}) m
      where m.top is not null and m.top > (select last_value from ${sql.raw(`${st.name}_id_seq`)})`.execute(
      trx,
    );
  }
}
