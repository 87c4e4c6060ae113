import type { Scope } from '../../core/tenants.ts';
import type { Db } from '../../store/db.ts';
import type { Params } from './params.ts';
import type { ListReply, Tree } from './serializer.ts';

export interface CallContext {
  db: Db;
  scope: Scope;
  params: Params;
}

/** What a call answers: one tree, a page already read, or a listing to stream batch by batch. */
export type CallReply = { tree: Tree } | { page: ListReply & { batches: Tree[][] } } | { stream: ListReply };

export type VirtposCall = (ctx: CallContext) => Promise<CallReply>;
