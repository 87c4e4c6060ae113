import { listFaults, type FaultRule } from '../core/faults.ts';
import type { Db } from '../store/db.ts';

/** How long a node serves a tenant's fault rules from memory before it reads them again. */
export const FAULT_RULES_RECHECK_MS = 1000;
const MAX_TENANTS = 10_000;

/**
 * Each node's copy of the tenants' fault rules. Rules live in the store, so every node over one database applies
 * the same ones; a node reads a tenant's rules at most once per `FAULT_RULES_RECHECK_MS`, so a rule added or
 * removed through another node applies here within that bound, and at once on the node that took the change
 * (the admin routes call `forget`). One per server, so two servers in one process never share rules.
 */
export class FaultRules {
  readonly #byTenant = new Map<number, { rules: FaultRule[]; until: number }>();
  constructor(readonly db: Db) {}

  /** The tenant's rules if known and fresh; undefined when they must be read. */
  fresh(tenantId: number): FaultRule[] | undefined {
    const known = this.#byTenant.get(tenantId);
    return known && known.until > Date.now() ? known.rules : undefined;
  }

  async load(tenantId: number): Promise<FaultRule[]> {
    const rules = await listFaults(this.db, tenantId);
    if (this.#byTenant.size >= MAX_TENANTS) this.#byTenant.clear();
    this.#byTenant.set(tenantId, { rules, until: Date.now() + FAULT_RULES_RECHECK_MS });
    return rules;
  }

  forget(tenantId: number): void {
    this.#byTenant.delete(tenantId);
  }
}
