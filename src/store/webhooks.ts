import type { Insertable, Selectable } from 'kysely';
import { kindOf, type Db } from './db.ts';
import type { WebhookTable } from './schema/webhooks.ts';

export type WebhookRow = Omit<Selectable<WebhookTable>, 'lease_owner' | 'lease_until'>;
type NewWebhookRow = Omit<Insertable<WebhookTable>, 'lease_owner' | 'lease_until'>;

const COLUMNS = [
  'id',
  'tenant_id',
  'url',
  'format',
  'events',
  'secret',
  'secret_key_id',
  'active',
  'created_at',
] as const;

export async function insertWebhook(db: Db, row: NewWebhookRow): Promise<WebhookRow> {
  return db.insertInto('webhooks').values(row).returning(COLUMNS).executeTakeFirstOrThrow();
}

/** Webhooks in id order: one tenant's, or every tenant's. */
export async function listWebhooks(db: Db, tenantId?: number): Promise<WebhookRow[]> {
  let query = db.selectFrom('webhooks').select(COLUMNS).orderBy('id');
  if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
  return query.execute();
}

export async function activeWebhooks(db: Db): Promise<WebhookRow[]> {
  return db.selectFrom('webhooks').select(COLUMNS).where('active', '=', 1).orderBy('id').execute();
}

/** The data keys the stored signing secrets were sealed with. */
export async function secretKeyIds(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('webhooks')
    .select('secret_key_id')
    .distinct()
    .where('secret_key_id', 'is not', null)
    .execute();
  return rows.map((r) => r.secret_key_id!);
}

export type StoredSecret = Pick<WebhookRow, 'id' | 'tenant_id' | 'secret' | 'secret_key_id'>;

/** The webhooks whose secret is in clear or sealed with another key than `keyId`, in id order. */
export async function secretsNotUnder(db: Db, keyId: number): Promise<StoredSecret[]> {
  return db
    .selectFrom('webhooks')
    .select(['id', 'tenant_id', 'secret', 'secret_key_id'])
    .where((eb) => eb.or([eb('secret_key_id', 'is', null), eb('secret_key_id', '!=', keyId)]))
    .orderBy('id')
    .execute();
}

/**
 * Stores a secret sealed anew, if the row is still under the key it was read under (compare-and-set on the key id):
 * a row that another process moved meanwhile (a rotation, another node starting) is not put back under an older key.
 */
export async function resealSecret(
  trx: Db,
  before: StoredSecret,
  sealed: { secret: string; secret_key_id: number },
): Promise<void> {
  await trx
    .updateTable('webhooks')
    .set(sealed)
    .where('id', '=', before.id)
    .where((eb) =>
      before.secret_key_id === null
        ? eb('secret_key_id', 'is', null)
        : eb('secret_key_id', '=', before.secret_key_id),
    )
    .execute();
}

/** Deletes a webhook with its deliveries; false when there is none. */
export async function deleteWebhook(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/**
 * The active webhooks whose oldest pending delivery is due and that no sender holds: `limit` of them, on
 * PostgreSQL skipping rows another node is claiming at this moment.
 */
function claimable(db: Db, now: string, limit: number, lock: boolean) {
  const query = db
    .selectFrom('webhooks as w')
    .select('w.id')
    .where('w.active', '=', 1)
    .where((eb) => eb.or([eb('w.lease_until', 'is', null), eb('w.lease_until', '<', now)]))
    .where(
      (eb) =>
        eb
          .selectFrom('webhook_deliveries as d')
          .select('d.next_attempt_at')
          .whereRef('d.webhook_id', '=', 'w.id')
          .where('d.status', '=', 'pending')
          .orderBy('d.id')
          .limit(1),
      '<=',
      now,
    )
    .orderBy('w.id')
    .limit(limit);
  return lock && kindOf(db) === 'postgres' ? query.forUpdate().skipLocked() : query;
}

/** Whether some webhook could be claimed now (a read, so that an idle sender takes no write lock). */
export async function hasClaimable(db: Db, now: string): Promise<boolean> {
  return (await claimable(db, now, 1, false).executeTakeFirst()) !== undefined;
}

/**
 * Inside a transaction: leases up to `limit` claimable webhooks to `owner` until `until`. Only the holder of a
 * webhook's lease sends its deliveries, so each attempt is made by one sender and a webhook's deliveries go out
 * in order.
 */
export async function claimWebhooks(
  trx: Db,
  owner: string,
  now: string,
  until: string,
  limit: number,
  except: number[],
): Promise<WebhookRow[]> {
  let candidates = claimable(trx, now, limit, true);
  if (except.length > 0) candidates = candidates.where('w.id', 'not in', except);
  const ids = (await candidates.execute()).map((row) => row.id);
  if (ids.length === 0) return [];
  return trx
    .updateTable('webhooks')
    .set({ lease_owner: owner, lease_until: until })
    .where('id', 'in', ids)
    .returning(COLUMNS)
    .execute();
}

/** Gives a webhook's lease back, if `owner` still holds it. */
export async function releaseWebhook(db: Db, id: number, owner: string): Promise<void> {
  await db
    .updateTable('webhooks')
    .set({ lease_owner: null, lease_until: null })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}
