import { inTransaction } from '../store/transaction.ts';
import type { Updateable } from 'kysely';
import type { Db } from '../store/db.ts';
import * as store from '../store/cards.ts';
import type { CardRow } from '../store/cards.ts';
import { customerExists, findCustomerIdByExternalId } from '../store/customer-keys.ts';
import { findOrCreateNamedEntry, namedEntryExists } from '../store/named-entries.ts';
import type { DiscountCardTable } from '../store/schema/cards.ts';
import { isIsoDate } from './dates.ts';
import { uidToEan13 } from './ean13.ts';
import { DomainError, invalid, missing, notFound } from './errors.ts';
import { refuseStandIn } from './erased-stand-in.ts';
import { emit, publicValues } from './events.ts';
import type { Scope } from './tenants.ts';
import { nameLostValue, retryLostCreate } from './upsert-race.ts';
import { nowIsoOf, utcTodayOf } from './clock.ts';

export const MEDIA = ['PLASTIC', 'MAGNET', 'APP'] as const;
export const STATUSES = ['NEW', 'ACTIVE', 'BLOCKED'] as const;

/** The keys a card is looked up by, tried in this order until one finds a card. */
export interface CardLookup {
  cardId?: number;
  uid?: string;
  externalId?: string;
  barcode?: string;
}

/** Fields a client may set; absent ones are left alone (or defaulted on a new card). */
export interface CardInput {
  uid?: string;
  uid_ean13?: string;
  barcode?: string;
  external_id?: string;
  medium?: string;
  status?: string;
  block_date?: string | null;
  activate_date?: string | null;
  type_id?: number;
  type_name?: string;
  customer_id?: number;
  customer_external_id?: string;
}

export interface SavedCard {
  id: number;
  isNew: boolean;
}

type CardChanges = Updateable<DiscountCardTable>;
const UNIQUE_KEYS = ['uid', 'external_id', 'barcode'] as const;

function text(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > max) throw invalid(`invalid value: ${field}`, field);
  return trimmed;
}

function choice(field: string, value: string, allowed: readonly string[]): string {
  const upper = value.trim().toUpperCase();
  if (!allowed.includes(upper)) throw invalid(`invalid value: ${field}`, field);
  return upper;
}

function date(field: string, value: string | null): string | null {
  if (value === null || value === '') return null;
  if (!isIsoDate(value)) throw invalid(`invalid date: ${field}`, field);
  return value;
}

/** The stored form of the given fields; uid_ean13 and barcode follow a new uid unless given. */
function normaliseCard(input: CardInput, current: CardRow | undefined): CardChanges {
  const out: CardChanges = {};
  if (input.uid !== undefined) out.uid = text('uid', input.uid, 64);
  if (input.external_id !== undefined) out.external_id = text('external_id', input.external_id, 255);
  if (input.uid_ean13 !== undefined) out.uid_ean13 = text('uid_ean13', input.uid_ean13, 64);
  if (input.barcode !== undefined) out.barcode = text('barcode', input.barcode, 64);
  if (input.medium !== undefined) out.medium = choice('medium', input.medium, MEDIA);
  if (input.status !== undefined) out.status = choice('status', input.status, STATUSES);
  if (input.block_date !== undefined) out.block_date = date('block_date', input.block_date);
  if (input.activate_date !== undefined) out.activate_date = date('activate_date', input.activate_date);
  const uid = out.uid;
  if (typeof uid === 'string' && uid !== current?.uid) {
    out.uid_ean13 ??= uidToEan13(uid);
    // A barcode that was only the generated code follows the uid; one set on purpose stays.
    if (out.barcode === undefined && (!current || current.barcode === current.uid_ean13))
      out.barcode = out.uid_ean13;
  }
  return out;
}

/** Blocking or activating a card without a date dates it today, unless it already has that date. */
function datedStatus(changes: CardChanges, current: CardRow | undefined, today: string): CardChanges {
  const out = { ...changes };
  if (out.status === 'BLOCKED' && out.block_date === undefined && !current?.block_date)
    out.block_date = today;
  if (out.status === 'ACTIVE' && out.activate_date === undefined && !current?.activate_date)
    out.activate_date = today;
  return out;
}

async function resolveType(trx: Db, scope: Scope, input: CardInput): Promise<number | undefined> {
  if (input.type_id !== undefined) {
    if (!(await namedEntryExists(trx, 'card_types', scope.tenantId, input.type_id)))
      throw new DomainError('card_type_not_found', 'card type not found', 'type_id');
    return input.type_id;
  }
  if (input.type_name === undefined) return undefined;
  return findOrCreateNamedEntry(trx, 'card_types', scope.tenantId, text('type_name', input.type_name, 255));
}

async function resolveOwner(trx: Db, scope: Scope, input: CardInput): Promise<number | undefined> {
  if (input.customer_id !== undefined) {
    if (!(await customerExists(trx, scope.tenantId, input.customer_id)))
      throw notFound('customer not found', 'customer_not_found');
    return input.customer_id;
  }
  if (input.customer_external_id === undefined) return undefined;
  const owner = await findCustomerIdByExternalId(trx, scope.tenantId, input.customer_external_id.trim());
  if (owner === undefined) throw notFound('customer not found', 'customer_not_found');
  return owner;
}

const TAKEN = {
  external_id: 'card_external_id_taken',
  uid: 'card_uid_taken',
  barcode: 'card_barcode_taken',
} as const;

async function assertKeysFree(trx: Db, scope: Scope, changes: CardChanges, self: number | undefined) {
  for (const key of UNIQUE_KEYS) {
    const value = changes[key];
    if (typeof value !== 'string') continue;
    const other = await store.findCardByKey(trx, scope.tenantId, key, value);
    if (other && other.id !== self)
      throw new DomainError(TAKEN[key], `${key} already belongs to another card`, key);
  }
}

/** The card found by the first lookup key that finds one; undefined when none does. */
async function findCard(trx: Db, scope: Scope, lookup: CardLookup): Promise<CardRow | undefined> {
  if (lookup.cardId !== undefined) {
    const card = await store.findCardById(trx, scope.tenantId, lookup.cardId);
    if (card) return card;
  }
  const keys: Array<[store.CardKey, string | undefined]> = [
    ['uid', lookup.uid],
    ['external_id', lookup.externalId],
    ['barcode', lookup.barcode],
  ];
  for (const [key, value] of keys) {
    if (value === undefined) continue;
    const card = await store.findCardByKey(trx, scope.tenantId, key, value.trim());
    if (card) return card;
  }
  return undefined;
}

const hasLookup = (lookup: CardLookup) => Object.values(lookup).some((v) => v !== undefined);

async function writeCard(trx: Db, scope: Scope, input: CardInput, current: CardRow | undefined) {
  const changes = datedStatus(normaliseCard(input, current), current, utcTodayOf(scope));
  const typeId = await resolveType(trx, scope, input);
  const ownerId = await resolveOwner(trx, scope, input);
  if (typeId !== undefined) changes.type_id = typeId;
  if (ownerId !== undefined) changes.customer_id = ownerId;
  if (ownerId !== undefined && ownerId !== current?.customer_id) {
    const holders = current?.customer_id == null ? [ownerId] : [ownerId, current.customer_id];
    await refuseStandIn(trx, scope.tenantId, holders, 'no card is given to it or taken from it');
  }
  await assertKeysFree(trx, scope, changes, current?.id);
  const at = nowIsoOf(scope);
  if (current) {
    await store.updateCard(trx, scope.tenantId, current.id, { ...changes, updated_at: at });
    await emit(trx, scope.tenantId, 'card.updated', { card: current.id, changes: publicValues(changes) });
    return { id: current.id, isNew: false };
  }
  if (!changes.uid) throw missing('missing parameter: uid', 'uid');
  const fields = { medium: 'PLASTIC', status: 'NEW', ...changes };
  const id = await store.insertCard(trx, {
    ...fields,
    tenant_id: scope.tenantId,
    created_at: at,
    updated_at: at,
  });
  await emit(trx, scope.tenantId, 'card.created', { card: id, fields: publicValues(fields) });
  return { id, isNew: true };
}

/** Updates the card found by `lookup`, or creates one from `input` when none is found and creation is allowed. */
export async function saveCard(
  db: Db,
  scope: Scope,
  lookup: CardLookup,
  input: CardInput,
  createIfMissing: boolean,
): Promise<SavedCard> {
  const attempt = () =>
    inTransaction(db, async (trx) => {
      const current = await findCard(trx, scope, lookup);
      if (!current && !createIfMissing) {
        if (!hasLookup(lookup)) throw missing('missing parameter: card_id', 'card_id');
        throw new DomainError('card_not_found', 'card not found', 'card');
      }
      return writeCard(trx, scope, input, current);
    });
  return createIfMissing ? retryLostCreate(db, attempt) : nameLostValue(db, attempt);
}

/** Creates a card; a card already holding its uid, external id or barcode is a conflict. */
export async function createCard(db: Db, scope: Scope, input: CardInput): Promise<SavedCard> {
  return nameLostValue(db, () => inTransaction(db, (trx) => writeCard(trx, scope, input, undefined)));
}

export async function deleteCard(db: Db, scope: Scope, lookup: CardLookup): Promise<number> {
  if (!hasLookup(lookup)) throw missing('missing parameter: card_id', 'card_id');
  return inTransaction(db, async (trx) => {
    const card = await findCard(trx, scope, lookup);
    // A concurrent delete may have removed it since it was read: only the delete that removed the row succeeds.
    if (!card || !(await store.deleteCard(trx, scope.tenantId, card.id)))
      throw new DomainError('card_not_found', 'card not found', 'card');
    await emit(trx, scope.tenantId, 'card.deleted', { card: card.id });
    return card.id;
  });
}
