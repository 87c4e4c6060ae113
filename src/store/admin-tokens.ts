import type { Selectable } from 'kysely';
import type { Db } from './db.ts';
import type { AdminTokenTable } from './schema/admin.ts';

export type AdminTokenRow = Omit<Selectable<AdminTokenTable>, 'token_hash'>;

export async function insertAdminToken(
  db: Db,
  token: { name: string; prefix: string; token_hash: string; created_at: string },
): Promise<number> {
  const row = await db.insertInto('admin_tokens').values(token).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function listAdminTokens(db: Db): Promise<AdminTokenRow[]> {
  return db
    .selectFrom('admin_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'revoked_at'])
    .orderBy('id')
    .execute();
}

export async function findActiveAdminToken(db: Db, tokenHash: string): Promise<{ id: number } | undefined> {
  return db
    .selectFrom('admin_tokens')
    .select('id')
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Revokes the token if it is active; returns whether it was. */
export async function revokeAdminToken(db: Db, id: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('admin_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
