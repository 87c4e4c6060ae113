import type { Db } from '../store/db.ts';
import { findOrCreateNamedEntry, namedEntryExists } from '../store/named-entries.ts';
import { DomainError, invalid } from './errors.ts';

/** A customer's group chosen by id (null: no group) or, when no id is given, by name (created when missing). */
export interface GroupChoice {
  groupId?: number | null;
  groupName?: string;
}

/** Inside the caller's transaction: the group id to store, or undefined when the choice leaves it alone. */
export async function resolveGroupId(
  trx: Db,
  tenantId: number,
  choice: GroupChoice,
): Promise<number | null | undefined> {
  if (choice.groupId === null) return null;
  if (choice.groupId !== undefined) {
    if (!(await namedEntryExists(trx, 'customer_groups', tenantId, choice.groupId)))
      throw new DomainError('customer_group_not_found', 'customer group not found', 'group_id');
    return choice.groupId;
  }
  if (choice.groupName === undefined) return undefined;
  const name = choice.groupName.trim();
  if (name === '' || name.length > 255) throw invalid('invalid value: group_name', 'group_name');
  return findOrCreateNamedEntry(trx, 'customer_groups', tenantId, name);
}
