import type { FastifyRequest } from 'fastify';
import { clockOf } from '../core/clock.ts';
import { getTenant, type Scope } from '../core/tenants.ts';
import type { Db } from '../store/db.ts';

/** The admin API acts for no key of a tenant: what it writes is marked as made by key 0. */
export const ADMIN_KEY_ID = 0;

/** The scope of `/tenants/{tenant}/…`: the tenant must exist (404 otherwise), as every dialect's key scopes. */
export async function tenantScope(db: Db, request: FastifyRequest): Promise<Scope> {
  const { tenant } = request.params as { tenant: number };
  const { country } = await getTenant(db, tenant);
  return { tenantId: tenant, keyId: ADMIN_KEY_ID, country, clock: await clockOf(db, tenant) };
}

export interface PageQuery {
  limit: number;
  cursor?: string;
}
