import { kindOf, type Db } from './db.ts';

// What a person's data touches beyond the customer row: for an export (everything about them) and an erasure
// (their rows re-pointed to an anonymous one, their own removed).

/** Marks the anonymous customer an erasure made (in its transaction). */
export async function markStandIn(trx: Db, tenantId: number, id: number): Promise<void> {
  await trx
    .updateTable('customers')
    .set({ erased_stand_in: 1 })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** Which of `ids` are anonymous customers standing in for an erased person. */
export async function standInsAmong(db: Db, tenantId: number, ids: number[]): Promise<number[]> {
  const rows = await db
    .selectFrom('customers')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .where('erased_stand_in', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Reservations the customer booked or stays in, by id. */
export async function reservationIdsOfCustomer(
  db: Db,
  tenantId: number,
  customerId: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('reservations')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('booker', '=', customerId)
    .union(
      db
        .selectFrom('room_customers')
        .select('reservation_id as id')
        .where('tenant_id', '=', tenantId)
        .where('customer_id', '=', customerId),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * First in an erasure's or a merge's transaction: the customers' rows locked until it commits (PostgreSQL, in id
 * order, so two such transactions never wait for each other in a circle; on SQLite the transaction holds the file's
 * write lock from `BEGIN IMMEDIATE`). A merge and an erasure of one person (or merges A into B and B into A) then run
 * one after the other, the second seeing what the first did. A write naming one of them (a guest bound to a room,
 * a card given, a document added) checks its reference with a share lock on the row: one that came first commits
 * before the erasure reads what to move, one that comes after finds the row gone. Without the lock a write could
 * commit between the move and the delete: the delete then failed on a guest left behind, or cut a card's holder.
 */
export async function lockCustomers(trx: Db, tenantId: number, ids: number[]): Promise<void> {
  if (kindOf(trx) !== 'postgres') return;
  await trx
    .selectFrom('customers')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Inside the erasure's transaction: every row that names `from` as booker, guest or card holder names `to`. */
export async function repointCustomer(trx: Db, tenantId: number, from: number, to: number): Promise<void> {
  await trx
    .updateTable('reservations')
    .set({ booker: to })
    .where('tenant_id', '=', tenantId)
    .where('booker', '=', from)
    .execute();
  await trx
    .updateTable('room_customers')
    .set({ customer_id: to })
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', from)
    .execute();
  await trx
    .updateTable('discount_cards')
    .set({ customer_id: to })
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', from)
    .execute();
}

/** Inside the erasure's transaction: the customer's documents and row, gone. */
export async function deleteCustomerAndDocuments(
  trx: Db,
  tenantId: number,
  customerId: number,
): Promise<void> {
  await trx
    .deleteFrom('customer_documents')
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .execute();
  await trx.deleteFrom('customers').where('tenant_id', '=', tenantId).where('id', '=', customerId).execute();
}

export interface DuplicateRow {
  id: number;
  key: string;
}

/**
 * Customers of the tenant sharing a value with another: the e-mail key, the phone key, a document's blind index,
 * or name, surname and birthday. Rows by key, then id; at most `limit` rows per kind.
 */
export async function duplicateRows(
  db: Db,
  tenantId: number,
  kind: 'email' | 'phone' | 'document' | 'name_birthday',
  limit: number,
): Promise<DuplicateRow[]> {
  if (kind === 'document') {
    const shared = db
      .selectFrom('customer_documents')
      .select('doc_number')
      .where('tenant_id', '=', tenantId)
      .groupBy('doc_number')
      .having((eb) => eb.fn.count('customer_id').distinct(), '>', 1);
    return db
      .selectFrom('customer_documents')
      .select(['customer_id as id', 'doc_number as key'])
      .distinct()
      .where('tenant_id', '=', tenantId)
      .where('doc_number', 'in', shared)
      .orderBy('doc_number')
      .orderBy('customer_id')
      .limit(limit)
      .execute();
  }
  const column = kind === 'email' ? 'email_key' : kind === 'phone' ? 'phone_key' : null;
  if (column) {
    const shared = db
      .selectFrom('customers')
      .select(column)
      .where('tenant_id', '=', tenantId)
      .where(column, 'is not', null)
      .groupBy(column)
      .having((eb) => eb.fn.countAll(), '>', 1);
    const rows = await db
      .selectFrom('customers')
      .select(['id', `${column} as key`])
      .where('tenant_id', '=', tenantId)
      .where(column, 'in', shared)
      .orderBy(column)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, key: r.key! }));
  }
  const rows = await db
    .selectFrom('customers as c')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('customers')
          .select(['name_key', 'surname_key', 'birthday'])
          .where('tenant_id', '=', tenantId)
          .where('birthday', 'is not', null)
          .groupBy(['name_key', 'surname_key', 'birthday'])
          .having((h) => h.fn.countAll(), '>', 1)
          .as('s'),
      (join) =>
        join
          .onRef('s.name_key', '=', 'c.name_key')
          .onRef('s.surname_key', '=', 'c.surname_key')
          .onRef('s.birthday', '=', 'c.birthday'),
    )
    .select(['c.id', 'c.name_key', 'c.surname_key', 'c.birthday'])
    .where('c.tenant_id', '=', tenantId)
    .orderBy('c.surname_key')
    .orderBy('c.name_key')
    .orderBy('c.birthday')
    .orderBy('c.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, key: `${r.name_key}|${r.surname_key}|${r.birthday}` }));
}

/** What a merge of `source` into `target` would move: counts per kind of row. */
export async function mergeCounts(db: Db, tenantId: number, source: number) {
  const count = async (
    table: 'reservations' | 'room_customers' | 'customer_documents' | 'discount_cards',
    column: 'booker' | 'customer_id',
  ) => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where(column as never, '=', source as never)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    reservations_booked: await count('reservations', 'booker'),
    room_guests: await count('room_customers', 'customer_id'),
    documents: await count('customer_documents', 'customer_id'),
    cards: await count('discount_cards', 'customer_id'),
  };
}

/**
 * Inside the merge's transaction: moves the source's rows to the target. A room both stay in keeps the target
 * once, and a document both hold (same type and blind index) keeps the target's.
 */
export async function moveCustomerRows(
  trx: Db,
  tenantId: number,
  source: number,
  target: number,
): Promise<void> {
  await trx
    .deleteFrom('room_customers')
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', source)
    .where('reservation_room_id', 'in', (eb) =>
      eb
        .selectFrom('room_customers')
        .select('reservation_room_id')
        .where('tenant_id', '=', tenantId)
        .where('customer_id', '=', target),
    )
    .execute();
  await trx
    .deleteFrom('customer_documents as d')
    .where('d.tenant_id', '=', tenantId)
    .where('d.customer_id', '=', source)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('customer_documents as t')
          .select('t.id')
          .where('t.customer_id', '=', target)
          .whereRef('t.doc_type', '=', 'd.doc_type')
          .whereRef('t.doc_number', '=', 'd.doc_number'),
      ),
    )
    .execute();
  await trx
    .updateTable('customer_documents')
    .set({ customer_id: target })
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', source)
    .execute();
  await repointCustomer(trx, tenantId, source, target);
  await trx.deleteFrom('customers').where('tenant_id', '=', tenantId).where('id', '=', source).execute();
}

/** A customer's amounts the shop's accounts hold: what they bought (accumulated sales) and are owed (bonus). */
export interface Loyalty {
  accumulated_sales_cents: number;
  bonus_balance_cents: number;
}

export async function loyaltyOf(db: Db, tenantId: number, id: number): Promise<Loyalty> {
  const row = await db
    .selectFrom('customers')
    .select(['accumulated_sales_cents', 'bonus_balance_cents'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return {
    accumulated_sales_cents: Number(row?.accumulated_sales_cents ?? 0),
    bonus_balance_cents: Number(row?.bonus_balance_cents ?? 0),
  };
}

export async function setLoyalty(trx: Db, tenantId: number, id: number, loyalty: Loyalty): Promise<void> {
  await trx
    .updateTable('customers')
    .set(loyalty)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}
