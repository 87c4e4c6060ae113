import { randomBytes } from 'node:crypto';
import * as store from '../store/admin-tokens.ts';
import type { Db } from '../store/db.ts';
import { nowIso } from './dates.ts';
import { DomainError, invalid, notFound } from './errors.ts';
import { RecentlyVerified } from './recent.ts';
import { hashKey } from './tenants.ts';

// Admin tokens open the admin API over every tenant. They look unlike tenant keys (`cat_` vs `ck_`) and live in a
// table of their own, so a tenant key is never an admin token, nor the other way round.

export type AdminToken = store.AdminTokenRow;

export interface IssuedAdminToken {
  id: number;
  name: string;
  token: string;
}

const PREFIX_LENGTH = 10;
const verified = new RecentlyVerified<number>();

export async function createAdminToken(db: Db, name = 'admin'): Promise<IssuedAdminToken> {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 100)
    throw invalid('name must be a text of 1 to 100 characters', 'name');
  const token = `cat_${randomBytes(24).toString('base64url')}`;
  const id = await store.insertAdminToken(db, {
    name: trimmed,
    prefix: token.slice(0, PREFIX_LENGTH),
    token_hash: hashKey(token),
    created_at: nowIso(),
  });
  return { id, name: trimmed, token };
}

export const listAdminTokens = (db: Db) => store.listAdminTokens(db);

export async function revokeAdminToken(db: Db, id: number): Promise<void> {
  const revoked = await store.revokeAdminToken(db, id, nowIso());
  verified.clear();
  if (!revoked) throw notFound(`no active admin token ${id}`);
}

/** The id of the presented admin token; a missing, unknown or revoked one is `unauthorized`. */
export async function authenticateAdmin(db: Db, token: string | undefined): Promise<number> {
  if (!token) throw new DomainError('missing_key', 'missing admin token');
  const known = verified.get(token);
  if (known !== undefined) return known;
  const row = await store.findActiveAdminToken(db, hashKey(token));
  if (!row) throw new DomainError('bad_key', 'unknown or revoked admin token');
  verified.remember(token, row.id);
  return row.id;
}
