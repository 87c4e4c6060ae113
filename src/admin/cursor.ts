import { hash } from 'node:crypto';
import { invalid } from '../core/errors.ts';
import { MAX_INT32 } from '../core/int32.ts';

// A page's cursor names the last id it showed. It is opaque to clients and carries a checksum, so a cursor that
// was edited or cut is refused (400) instead of silently starting somewhere else. It grants nothing: every list is
// scoped to the tenant in the path, whatever the cursor says. The checksum is not a secret (anyone can make one),
// so the id it carries is checked like an id in a path: one past the 32-bit ids would fail in PostgreSQL.

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

const checksum = (body: string) => hash('sha256', `clientele-cursor:${body}`, 'base64url').slice(0, 10);

export function encodeCursor(afterId: number): string {
  const body = Buffer.from(JSON.stringify({ after: afterId })).toString('base64url');
  return `${body}.${checksum(body)}`;
}

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const [body, sum, extra] = cursor.split('.');
  if (!body || extra !== undefined || sum !== checksum(body)) throw invalid('invalid cursor', 'cursor');
  try {
    const { after } = JSON.parse(Buffer.from(body, 'base64url').toString()) as { after?: unknown };
    if (Number.isInteger(after) && (after as number) >= 0 && (after as number) <= MAX_INT32)
      return after as number;
  } catch {
    // not JSON: refused below
  }
  throw invalid('invalid cursor', 'cursor');
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/**
 * A page from `limit + 1` rows fetched after the cursor's id: the extra row only says whether there is a next
 * page, so the last page never points at an empty one.
 */
export function pageOf<T, R>(
  rows: T[],
  limit: number,
  id: (row: T) => number,
  render: (row: T) => R,
): Page<R> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(render),
    next_cursor: rows.length > limit && last !== undefined ? encodeCursor(id(last)) : null,
  };
}
