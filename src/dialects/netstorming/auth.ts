import { DomainError } from '../../core/errors.ts';
import { authenticate, type Scope } from '../../core/tenants.ts';
import type { Db } from '../../store/db.ts';

/** The scope of the `key` carried in the JSON body; the wire says `missing key` or `invalid key`, nothing more. */
export async function bodyScope(db: Db, key: unknown): Promise<Scope> {
  if (typeof key !== 'string' || key.trim() === '') throw new DomainError('missing_key', 'missing key');
  try {
    return await authenticate(db, key.trim());
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError('bad_key', 'invalid key');
    throw error;
  }
}
