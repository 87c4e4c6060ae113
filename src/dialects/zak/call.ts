import type { Scope } from '../../core/tenants.ts';
import type { Db } from '../../store/db.ts';
import type { Params } from './params.ts';

export interface CallContext {
  db: Db;
  scope: Scope;
  params: Params;
}

/** One vendor call: parameters in, the value of `data` out. */
export type ZakCall = (ctx: CallContext) => Promise<unknown>;
export type CallTable = Record<string, ZakCall>;
