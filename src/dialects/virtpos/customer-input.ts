import type { GroupChoice } from '../../core/customer-groups.ts';
import type { CustomerTarget } from '../../core/customer-upsert.ts';
import type { CustomerInput } from '../../core/customers.ts';
import { isoDate } from '../../core/dates.ts';
import { invalid } from '../../core/errors.ts';
import { cents, getOnly, given, param, positiveInteger, truthy, type Params } from './params.ts';

/** virtpos parameter → core text field. `age` and the dates kept by the server are never read. */
const TEXT_PARAMS: Record<
  string,
  'name' | 'surname' | 'middle_name' | 'email' | 'phone' | 'custom_information'
> = {
  fname: 'name',
  lname: 'surname',
  mname: 'middle_name',
  email: 'email',
  phone: 'phone',
  custom_information: 'custom_information',
};
const FLAG_PARAMS = ['send_push', 'send_email', 'send_sms'] as const;
const BIRTH_PARAMS = ['birth_day', 'birth_month', 'birth_year'] as const;

/** The three birth parts together make the core's birthday; all empty clears it, some of them is an error. */
function birthday(params: Params): string | null | undefined {
  const parts = BIRTH_PARAMS.map((name) => param(params, name));
  if (parts.every((p) => p === undefined)) return undefined;
  const [day, month, year] = parts.map((p) => given(p));
  if (day === undefined && month === undefined && year === undefined) return null;
  const valid = [day, month, year].every((p) => p !== undefined && /^\d{1,4}$/.test(p));
  const iso = valid ? isoDate(Number(year), Number(month), Number(day)) : null;
  if (!iso) throw invalid('invalid date: birthday', 'birthday');
  return iso;
}

export function customerFields(params: Params): CustomerInput {
  const input: CustomerInput = {};
  for (const [name, field] of Object.entries(TEXT_PARAMS)) {
    const value = param(params, name);
    if (value !== undefined) input[field] = value;
  }
  const externalId = param(params, 'external_id');
  if (externalId !== undefined) input.external_id = externalId;
  // `M`/`F` are the core's `m`/`f` (it folds case); anything else the core refuses.
  const gender = param(params, 'gender');
  if (gender !== undefined) input.gender = gender;
  const birth = birthday(params);
  if (birth !== undefined) input.birthday = birth;
  const sales = param(params, 'accumulated_sales');
  if (sales !== undefined)
    input.accumulated_sales_cents = given(sales) ? cents(sales, 'accumulated_sales') : 0;
  for (const name of FLAG_PARAMS) {
    const value = truthy(param(params, name), name);
    if (value !== undefined) input[name] = value;
  }
  return input;
}

/** `group_id` wins; an empty `group_id` without a `group_name` takes the customer out of its group. */
export function groupChoice(params: Params): GroupChoice {
  const rawId = param(params, 'group_id');
  const groupId = positiveInteger(rawId, 'group_id');
  if (groupId !== undefined) return { groupId };
  const groupName = given(param(params, 'group_name'));
  if (groupName !== undefined) return { groupName };
  return rawId !== undefined ? { groupId: null } : {};
}

/** By `id` (get only), else by `external_id` (get or post). */
export function customerTarget(params: Params): CustomerTarget {
  return {
    id: positiveInteger(getOnly(params, 'id'), 'id'),
    externalId: given(param(params, 'external_id')),
    createIfMissing: truthy(getOnly(params, 'create_if_not_exist'), 'create_if_not_exist') ?? false,
  };
}
