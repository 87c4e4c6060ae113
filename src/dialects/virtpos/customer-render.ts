import { ageOn } from '../../core/age.ts';
import type { Card, ListedCustomer } from '../../core/customer-search.ts';
import { formatCents } from './params.ts';
import { list, type Tree } from './serializer.ts';

/** An ISO timestamp as the vendor writes it: `YYYY-MM-DD HH:MM:SS` (UTC). */
export function formatTimestamp(iso: string | null): string | null {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : null;
}

const text = (value: number | null) => (value === null ? null : String(value));
const flag = (value: number) => (value ? '1' : '0');
/** Birth parts as plain numbers, without leading zeros (`24`, `10`, `1992`). */
const part = (birthday: string | null, from: number, to: number) =>
  birthday ? String(Number(birthday.slice(from, to))) : null;

export function cardTree(card: Card): Tree {
  return {
    id: card.id,
    external_id: card.external_id,
    uid: card.uid,
    uid_ean13: card.uid_ean13,
    barcode: card.barcode,
    medium: card.medium,
    status: card.status,
    block_date: card.block_date,
    activate_date: card.activate_date,
    type_id: text(card.type_id),
    type_name: card.type_name,
    customer_id: text(card.customer_id),
    created_date: formatTimestamp(card.created_at),
    last_update_date: formatTimestamp(card.updated_at),
  };
}

export interface CustomerExtras {
  /** Today's ISO date, for `age`. */
  today: string;
  bonuses: boolean;
}

/** One `<customer>` in the vendor's field order; `external_id`, then the optional cards and bonuses, follow. */
export function customerTree(c: ListedCustomer, extras: CustomerExtras): Tree {
  const created = formatTimestamp(c.created_at);
  const tree: Tree = {
    id: c.id,
    fname: c.name,
    lname: c.surname,
    mname: c.middle_name,
    age: text(ageOn(c.birthday, extras.today)),
    email: c.email,
    phone: c.phone,
    gender: c.gender ? c.gender.toUpperCase() : null,
    custom_information: c.custom_information,
    birth_day: part(c.birthday, 8, 10),
    birth_month: part(c.birthday, 5, 7),
    birth_year: part(c.birthday, 0, 4),
    register_date: created,
    accumulated_sales: formatCents(c.accumulated_sales_cents),
    send_push: flag(c.send_push),
    send_email: flag(c.send_email),
    send_sms: flag(c.send_sms),
    group_id: text(c.group_id),
    group_name: c.group_name,
    created_date: created,
    created_by: text(c.created_by),
    last_update_date: formatTimestamp(c.updated_at),
    last_update_by: text(c.updated_by),
    external_id: c.external_id,
  };
  if (c.cards) tree.cards = list('card', c.cards.map(cardTree));
  if (extras.bonuses) tree.bonuses = { balance: formatCents(c.bonus_balance_cents) };
  return tree;
}
