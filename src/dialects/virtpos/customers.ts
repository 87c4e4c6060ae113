import {
  exportCustomers,
  resolvePaging,
  searchCustomerPage,
  type CustomerSearch,
  type ListedCustomer,
} from '../../core/customer-search.ts';
import { upsertCustomer } from '../../core/customer-upsert.ts';
import { utcTodayOf } from '../../core/clock.ts';
import type { CallReply, CallContext } from './call.ts';
import { customerFields, customerTarget, groupChoice } from './customer-input.ts';
import { customerTree, type CustomerExtras } from './customer-render.ts';
import { getOnly, given, param, positiveInteger, truthy, type Params } from './params.ts';

function search(params: Params): CustomerSearch {
  return {
    id: positiveInteger(getOnly(params, 'id'), 'id'),
    externalId: given(getOnly(params, 'external_id')),
    phone: given(param(params, 'phone')),
    email: given(param(params, 'email')),
    withPhone: truthy(param(params, 'with_phone'), 'with_phone'),
    withEmail: truthy(param(params, 'with_email'), 'with_email'),
    cards: truthy(param(params, 'cards'), 'cards') ?? false,
  };
}

/** `/api/customer`: one page when `page` or `page_size` is given, otherwise every match, streamed. */
export async function listCustomers({ db, scope, params }: CallContext): Promise<CallReply> {
  const query = search(params);
  const paging = resolvePaging({
    page: positiveInteger(param(params, 'page'), 'page'),
    pageSize: positiveInteger(param(params, 'page_size'), 'page_size'),
  });
  const extras: CustomerExtras = {
    today: utcTodayOf(scope),
    bonuses: truthy(param(params, 'bonuses'), 'bonuses') ?? false,
  };
  const reply = { name: 'customers', item: 'customer' };
  const render = (customers: ListedCustomer[]) => customers.map((c) => customerTree(c, extras));
  if (paging) {
    const customers = await searchCustomerPage(db, scope, query, paging);
    const head = { success: 1, type: 'customer', count: customers.length };
    return { page: { ...reply, head, batches: [render(customers)] } };
  }
  const listing = await exportCustomers(db, scope, query);
  const head = { success: 1, type: 'customer', count: listing.count };
  const rest = listing.rest;
  if (!rest) return { page: { ...reply, head, batches: [render(listing.first)] } };
  async function* batches(more: AsyncGenerator<ListedCustomer[]>) {
    yield render(listing.first);
    for await (const batch of more) yield render(batch);
  }
  return { stream: { ...reply, head, batches: batches(rest) } };
}

/** `/api/customer/update`. */
export async function updateCustomer({ db, scope, params }: CallContext): Promise<CallReply> {
  const saved = await upsertCustomer(
    db,
    scope,
    customerTarget(params),
    customerFields(params),
    groupChoice(params),
  );
  return { tree: { success: 1, id: saved.id, isnew: saved.isNew ? 1 : 0 } };
}
