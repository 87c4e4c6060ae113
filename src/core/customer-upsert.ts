import { inTransaction } from '../store/transaction.ts';
import type { Db } from '../store/db.ts';
import { customerExists, findCustomerIdByExternalId } from '../store/customer-keys.ts';
import { resolveGroupId, type GroupChoice } from './customer-groups.ts';
import {
  changeCustomer,
  customerChanges,
  insertValidatedCustomer,
  validateNewCustomer,
  type CustomerInput,
} from './customers.ts';
import { DomainError, missing, notFound } from './errors.ts';
import type { Scope } from './tenants.ts';
import { retryLostCreate } from './upsert-race.ts';

/** Which customer a write is about: by id, else by external id; created when missing if allowed. */
export interface CustomerTarget {
  id?: number;
  externalId?: string;
  createIfMissing: boolean;
}

export interface SavedCustomer {
  id: number;
  isNew: boolean;
}

async function findTarget(trx: Db, scope: Scope, target: CustomerTarget): Promise<number | undefined> {
  if (target.id !== undefined) {
    return (await customerExists(trx, scope.tenantId, target.id)) ? target.id : undefined;
  }
  if (target.externalId !== undefined) {
    return findCustomerIdByExternalId(trx, scope.tenantId, target.externalId);
  }
  if (!target.createIfMissing) throw missing('missing parameter: id', 'id');
  return undefined;
}

/** External ids identify a customer to another system, so two customers of a tenant never share one. */
async function assertExternalIdFree(trx: Db, scope: Scope, input: CustomerInput, self: number | undefined) {
  const externalId = input.external_id?.trim();
  if (!externalId) return;
  const owner = await findCustomerIdByExternalId(trx, scope.tenantId, externalId);
  if (owner !== undefined && owner !== self)
    throw new DomainError(
      'customer_external_id_taken',
      'external_id already belongs to another customer',
      'external_id',
    );
}

/**
 * Updates the target customer with the given fields, or creates one when it is missing and creation is allowed;
 * the group is resolved (and created by name) in the same transaction.
 */
export async function upsertCustomer(
  db: Db,
  scope: Scope,
  target: CustomerTarget,
  input: CustomerInput,
  group: GroupChoice,
): Promise<SavedCustomer> {
  const attempt = () =>
    inTransaction(db, async (trx) => {
      const found = await findTarget(trx, scope, target);
      if (found === undefined && !target.createIfMissing)
        throw notFound('customer not found', 'customer_not_found');
      await assertExternalIdFree(trx, scope, input, found);
      const groupId = await resolveGroupId(trx, scope.tenantId, group);
      const fields: CustomerInput = groupId === undefined ? input : { ...input, group_id: groupId };
      if (found === undefined) {
        return {
          id: await insertValidatedCustomer(trx, scope, validateNewCustomer(fields, scope.country)),
          isNew: true,
        };
      }
      if (Object.keys(fields).length > 0)
        await changeCustomer(trx, scope, found, customerChanges(fields, scope.country));
      return { id: found, isNew: false };
    });
  return target.createIfMissing ? retryLostCreate(db, attempt) : attempt();
}
