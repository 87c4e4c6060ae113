import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from './db.ts';
import type { DiscountCardTable } from './schema/cards.ts';
import { referenceOrGone, uniqueOrViolation } from './unique.ts';

export type CardRow = Omit<Selectable<DiscountCardTable>, 'tenant_id'> & { type_name: string | null };
export type CardKey = 'uid' | 'external_id' | 'barcode';

const CARD_COLUMNS = [
  'discount_cards.id',
  'discount_cards.customer_id',
  'discount_cards.type_id',
  'discount_cards.uid',
  'discount_cards.uid_ean13',
  'discount_cards.barcode',
  'discount_cards.external_id',
  'discount_cards.medium',
  'discount_cards.status',
  'discount_cards.block_date',
  'discount_cards.activate_date',
  'discount_cards.created_at',
  'discount_cards.updated_at',
  'card_types.name as type_name',
] as const;

function cards(db: Db, tenantId: number) {
  return db
    .selectFrom('discount_cards')
    .leftJoin('card_types', 'card_types.id', 'discount_cards.type_id')
    .select(CARD_COLUMNS)
    .where('discount_cards.tenant_id', '=', tenantId);
}

export async function findCardById(db: Db, tenantId: number, id: number): Promise<CardRow | undefined> {
  return cards(db, tenantId).where('discount_cards.id', '=', id).executeTakeFirst();
}

export async function findCardByKey(
  db: Db,
  tenantId: number,
  key: CardKey,
  value: string,
): Promise<CardRow | undefined> {
  return cards(db, tenantId).where(`discount_cards.${key}`, '=', value).executeTakeFirst();
}

/** The tenant's cards after the id `after`, in id order (the admin API's pages). */
export async function listCards(db: Db, tenantId: number, after: number, limit: number): Promise<CardRow[]> {
  return cards(db, tenantId)
    .where('discount_cards.id', '>', after)
    .orderBy('discount_cards.id')
    .limit(limit)
    .execute();
}

/** The cards of the given customers, in card id order. */
export async function listCardsOfCustomers(
  db: Db,
  tenantId: number,
  customerIds: number[],
): Promise<CardRow[]> {
  if (customerIds.length === 0) return [];
  return cards(db, tenantId)
    .where('discount_cards.customer_id', 'in', customerIds)
    .orderBy('discount_cards.id')
    .execute();
}

export async function insertCard(db: Db, row: Insertable<DiscountCardTable>): Promise<number> {
  const inserted = await referenceOrGone(
    uniqueOrViolation(
      db.insertInto('discount_cards').values(row).returning('id').executeTakeFirstOrThrow(),
      'conflict',
      'card already exists',
    ),
    'customer_not_found',
    'customer not found',
  );
  return inserted.id;
}

export async function updateCard(
  db: Db,
  tenantId: number,
  id: number,
  changes: Updateable<DiscountCardTable>,
): Promise<void> {
  await referenceOrGone(
    uniqueOrViolation(
      db
        .updateTable('discount_cards')
        .set(changes)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute(),
      'conflict',
      'card already exists',
    ),
    'customer_not_found',
    'customer not found',
  );
}

export async function deleteCard(db: Db, tenantId: number, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('discount_cards')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
