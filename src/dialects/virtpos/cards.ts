import {
  createCard,
  deleteCard as removeCard,
  saveCard,
  type CardInput,
  type CardLookup,
} from '../../core/cards.ts';
import type { CallContext, CallReply } from './call.ts';
import { cardDate } from './card-dates.ts';
import { getOnly, given, param, positiveInteger, truthy, type Params } from './params.ts';

/** The lookup keys, all "get only", in the order they are tried. */
function lookup(params: Params): CardLookup {
  return {
    cardId: positiveInteger(getOnly(params, 'card_id'), 'card_id'),
    uid: given(getOnly(params, 'uid')),
    externalId: given(getOnly(params, 'external_id')),
    barcode: given(getOnly(params, 'card_barcode')),
  };
}

const TEXT_PARAMS = [
  'uid_ean13',
  'barcode',
  'medium',
  'status',
  'type_name',
  'customer_external_id',
] as const;

/** `uid` and `external_id` are both lookup keys and the values written; the rest is "get or post". */
function input(params: Params): CardInput {
  const keys = lookup(params);
  const out: CardInput = { uid: keys.uid, external_id: keys.externalId };
  for (const name of TEXT_PARAMS) out[name] = given(param(params, name));
  for (const name of ['block_date', 'activate_date'] as const) {
    const value = param(params, name);
    if (value !== undefined) out[name] = cardDate(value, name);
  }
  out.type_id = positiveInteger(param(params, 'type_id'), 'type_id');
  out.customer_id = positiveInteger(param(params, 'customer_id'), 'customer_id');
  return out;
}

const written = (saved: { id: number; isNew: boolean }): CallReply => ({
  tree: { success: 1, id: saved.id, isnew: saved.isNew ? 1 : 0 },
});

export async function updateCard({ db, scope, params }: CallContext): Promise<CallReply> {
  const create = truthy(getOnly(params, 'create_if_not_exist'), 'create_if_not_exist') ?? false;
  return written(await saveCard(db, scope, lookup(params), input(params), create));
}

export async function insertCard({ db, scope, params }: CallContext): Promise<CallReply> {
  return written(await createCard(db, scope, input(params)));
}

export async function deleteCard({ db, scope, params }: CallContext): Promise<CallReply> {
  return { tree: { success: 1, id: await removeCard(db, scope, lookup(params)) } };
}
